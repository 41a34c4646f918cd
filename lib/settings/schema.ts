import { z } from '../platform/zod';
import { ROUNDING_MODES } from '../time/rounding';

/**
 * FlowPilot behaviour settings (options page, FlowPilot tab). Every field has a default, so a
 * partial or older stored object always parses into a complete one. Defaults are listed in the README.
 */
export const Settings = z.object({
  autoPush: z.boolean().default(false),
  autoTimeEntry: z.boolean().default(true),
  timeRounding: z.enum(ROUNDING_MODES).default('15'),
  noteVisibility: z.enum(['internal', 'internalExternal']).default('internal'),
  includeDiagnosticSteps: z.boolean().default(true),
  promptStatusOnResolution: z.boolean().default(true),
  promptStatusOnEscalation: z.boolean().default(true),
  workTypeId: z.number().int().positive().optional(),
  workRoleId: z.number().int().positive().optional(),
  billableOption: z.enum(['Billable', 'DoNotBill', 'NoCharge', 'NoDefault']).default('Billable'),
  minimumBillableMinutes: z.number().int().min(0).max(480).default(0),
  /** Who uses this browser (a technician id from the roster); posts are attributed to their member. */
  signedInTechnicianId: z.string().optional(),
  /**
   * Minutes without keyboard or mouse input on the machine (the browser's idle API) before a running
   * session counts the time as "away" and asks whether to keep it. The name is historical: until
   * issue 13 it paused the session after this long without clicks in the panel.
   */
  idleAutoPauseMinutes: z.number().int().min(1).max(240).default(15),
  /** Save each session's assistant conversation with the session (off: it lives only in the open panel). */
  keepAssistantChats: z.boolean().default(true),
  ai: z
    .object({
      enabled: z.boolean().default(false),
      baseUrl: z.string().default(''),
      model: z.string().default(''),
      redactPii: z.boolean().default(true),
    })
    .prefault({}),
});
export type Settings = z.output<typeof Settings>;
export type SettingsInput = z.input<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = Settings.parse({});
