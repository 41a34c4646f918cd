import { CONNECTION_LABELS, type ConnectionKey } from './connection-keys';
import type { PolicyProblem } from './parse';

/** One policy problem as the panel and the options page show it: "Policy key "site" (Site URL): …". */
export function describeProblem(p: PolicyProblem): string {
  const label = CONNECTION_LABELS[p.key as ConnectionKey];
  return `Policy key "${p.key}"${label ? ` (${label})` : ''}: ${p.message}`;
}
