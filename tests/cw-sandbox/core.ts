// Shared mutable parts of one sandbox instance.
import type { Faults } from './faults.ts';
import type { Match } from './router.ts';
import type { RecordedRequest, SandboxClock, SandboxState } from './types.ts';

export interface SandboxCore {
  state: SandboxState;
  faults: Faults;
  requests: RecordedRequest[];
  contractViolations: string[];
  route: (method: string, path: string) => Match;
  reset(): void;
  clock: SandboxClock;
  now(): Date;
}
