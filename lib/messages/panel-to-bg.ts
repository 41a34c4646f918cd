import { z } from 'zod';
import { message } from './protocol';

// Messages the content-script panel sends to the background worker.

export const PanelStatus = z.object({
  connected: z.boolean(),
  displayName: z.string().optional(),
  site: z.string().optional(),
});
export type PanelStatus = z.infer<typeof PanelStatus>;

export const panelToBg = {
  'panel/status': message(z.object({}), PanelStatus),
  'panel/openOptions': message(
    z.object({ tab: z.string().max(40).optional() }),
    z.object({ opened: z.boolean() }),
  ),
};
