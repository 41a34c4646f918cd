import type { Req } from '@/lib/messages/registry';

/** A lane edit as the panel sends it (the zod-validated shape from lib/messages/panel-to-bg-session.ts). */
export type LaneOpInput = Req<'panelToBg', 'session/lane'>['op'];
