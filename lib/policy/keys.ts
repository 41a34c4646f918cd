import { z } from '../platform/zod';
import { type Settings, Settings as SettingsSchema } from '../settings/schema';

// The FlowPilot settings an administrator can set by policy, each with a `default` and a `locked` flag
// (policy key `settings.<name>`). One list drives parsing, the effective settings, the options page's
// labels, the exported template and Chrome's managed_schema.json (tests pin that file to this list).

type JsonType = 'boolean' | 'string' | 'integer';

export interface PolicySettingDef {
  /** The options page's label for the control, used in messages ("Note Visibility is set by…"). */
  label: string;
  type: JsonType;
  value: z.ZodType;
  get(s: Settings): unknown;
  set(s: Settings, v: unknown): Settings;
}

const top = <K extends Exclude<keyof Settings, 'ai' | 'signedInTechnicianId'>>(
  key: K,
  label: string,
  type: JsonType,
  value: z.ZodType,
): PolicySettingDef => ({
  label,
  type,
  value,
  get: (s) => s[key],
  set: (s, v) => ({ ...s, [key]: v }),
});

const ai = <K extends keyof Settings['ai']>(
  key: K,
  label: string,
  type: JsonType,
  value: z.ZodType,
): PolicySettingDef => ({
  label,
  type,
  value,
  get: (s) => s.ai[key],
  set: (s, v) => ({ ...s, ai: { ...s.ai, [key]: v } }),
});

const shape = SettingsSchema.shape;

export const POLICY_SETTINGS = {
  autoPush: top('autoPush', 'Auto Push', 'boolean', z.boolean()),
  autoTimeEntry: top('autoTimeEntry', 'Auto Time Entry', 'boolean', z.boolean()),
  timeRounding: top('timeRounding', 'Time Rounding', 'string', shape.timeRounding.unwrap()),
  noteVisibility: top('noteVisibility', 'Note Visibility', 'string', shape.noteVisibility.unwrap()),
  includeDiagnosticSteps: top('includeDiagnosticSteps', 'Include Diagnostic Steps', 'boolean', z.boolean()),
  promptStatusOnResolution: top(
    'promptStatusOnResolution',
    'Prompt Status on Resolution',
    'boolean',
    z.boolean(),
  ),
  promptStatusOnEscalation: top(
    'promptStatusOnEscalation',
    'Prompt Status on Escalation',
    'boolean',
    z.boolean(),
  ),
  workTypeId: top('workTypeId', 'Work Type', 'integer', z.number().int().positive()),
  workRoleId: top('workRoleId', 'Work Role', 'integer', z.number().int().positive()),
  billableOption: top('billableOption', 'Billable Option', 'string', shape.billableOption.unwrap()),
  minimumBillableMinutes: top(
    'minimumBillableMinutes',
    'Minimum Billable Duration',
    'integer',
    z.number().int().min(0).max(480),
  ),
  idleAutoPauseMinutes: top(
    'idleAutoPauseMinutes',
    'Away after (minutes without input)',
    'integer',
    z.number().int().min(1).max(240),
  ),
  keepAssistantChats: top('keepAssistantChats', 'Keep assistant conversations', 'boolean', z.boolean()),
  aiEnabled: ai('enabled', 'AI assistant', 'boolean', z.boolean()),
  aiBaseUrl: ai('baseUrl', 'AI endpoint base URL', 'string', z.string().max(500)),
  aiModel: ai('model', 'AI model', 'string', z.string().max(200)),
  aiRedactPii: ai('redactPii', 'Redact email addresses and phone numbers', 'boolean', z.boolean()),
} satisfies Record<string, PolicySettingDef>;

export type PolicySettingKey = keyof typeof POLICY_SETTINGS;
export const POLICY_SETTING_KEYS = Object.keys(POLICY_SETTINGS) as PolicySettingKey[];

// Top-level policy keys besides `settings`: in their own module, which the options page's start-up can
// use without zod.
export { CONNECTION_KEYS, CONNECTION_LABELS, type ConnectionKey } from './connection-keys';

/** Chrome/Edge `storage.managed_schema` (public/managed_schema.json is this, pinned by a test). */
export function managedSchema() {
  const str = { type: 'string' };
  const settings = Object.fromEntries(
    POLICY_SETTING_KEYS.map((k) => [
      k,
      {
        type: 'object',
        description: `${POLICY_SETTINGS[k].label}: "default" applies until the technician changes it; "locked": true fixes it to "default".`,
        properties: { default: { type: POLICY_SETTINGS[k].type }, locked: { type: 'boolean' } },
      },
    ]),
  );
  return {
    type: 'object',
    properties: {
      site: { ...str, description: 'ConnectWise site host, e.g. na.myconnectwise.net' },
      companyId: { ...str, description: 'Company ID typed on the ConnectWise login screen' },
      publicKey: { ...str, description: 'API member public key' },
      privateKey: {
        ...str,
        description: 'API member private key (optional: leave out to use a team setup file)',
      },
      displayName: { ...str, description: 'Connection name shown to technicians' },
      technicians: {
        type: 'array',
        description: 'The technician roster; each browser picks its technician by email',
        items: { type: 'object', properties: { name: str, email: str } },
      },
      aiAllowedEndpoints: {
        type: 'array',
        description: 'AI endpoint base URLs technicians may use (prefix match); leave out to allow any',
        items: str,
      },
      settings: { type: 'object', properties: settings },
    },
  };
}
