import type { z } from '../platform/zod';
import { optionsToBgHistory, panelToBgHistory } from './history';
import { optionsToBg } from './options-to-bg';
import { optionsToBgAi } from './options-to-bg-ai';
import { optionsToBgPolicy } from './options-to-bg-policy';
import { pageToBg } from './page-to-bg';
import { panelToBg } from './panel-to-bg';
import { panelToBgSession } from './panel-to-bg-session';
import { optionsToBgPosting, panelToBgPosting } from './posting';
import type { Direction, MessageSpec } from './protocol';

// One line per feature area: each area declares its messages in its own module and spreads them here.
export const protocol = {
  optionsToBg: {
    ...optionsToBg,
    ...optionsToBgPosting,
    ...optionsToBgAi,
    ...optionsToBgPolicy,
    ...optionsToBgHistory,
  },
  panelToBg: { ...panelToBg, ...panelToBgPosting, ...panelToBgSession, ...panelToBgHistory },
  pageToBg,
} satisfies Record<Direction, Record<string, MessageSpec>>;
export type Protocol = typeof protocol;

export type MessageType<D extends Direction> = keyof Protocol[D] & string;
type Spec<D extends Direction, T extends MessageType<D>> =
  Protocol[D][T] extends MessageSpec<infer Q, infer R> ? { req: Q; res: R } : never;
export type Req<D extends Direction, T extends MessageType<D>> = z.input<Spec<D, T>['req']>;
export type ParsedReq<D extends Direction, T extends MessageType<D>> = z.output<Spec<D, T>['req']>;
export type Res<D extends Direction, T extends MessageType<D>> = z.output<Spec<D, T>['res']>;
