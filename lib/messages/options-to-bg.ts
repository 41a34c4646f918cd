import { z } from '../platform/zod';
import type { UnsentGroup } from '../posting/held';
import { AutotaskNoteChoices } from '../settings/autotask-notes';
import { Settings } from '../settings/schema';
import type { TeamPreview } from '../team/service';
import { message } from './protocol';

// Messages the options page sends to the background worker.

export const PublicConnection = z.object({
  /** Older callers and records know no `psa`: absent means ConnectWise. */
  psa: z.literal('connectwise').optional(),
  displayName: z.string(),
  site: z.string(),
  companyId: z.string(),
  companyName: z.string().optional(),
  publicKey: z.string(),
  /** Only the last 4 characters: the private key never leaves the background after saving. */
  privateKeyLast4: z.string(),
  clientIdOverride: z.string().optional(),
  serverVersion: z.string(),
  codebase: z.string(),
  apiBase: z.string(),
  cloud: z.boolean(),
  lastTestedAt: z.number(),
  connectedAt: z.number(),
  missingPermissions: z.array(z.string()),
  /** Host permission granted for an on-prem site (cloud hosts need none). */
  grantedOrigin: z.string().optional(),
  /** Set by the administrator's policy. */
  managed: z.boolean().optional(),
});
export type PublicConnection = z.infer<typeof PublicConnection>;

export const ConnectInput = z.object({
  displayName: z.string().trim().max(100),
  site: z.string().max(500),
  companyId: z.string().trim().min(1, 'Enter the company ID').max(100),
  publicKey: z.string().trim().min(1, 'Enter the public key').max(200),
  privateKey: z.string().trim().min(1, 'Enter the private key').max(200),
  clientIdOverride: z
    .string()
    .trim()
    .regex(/^$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'A clientId is a GUID')
    .optional(),
});
export type ConnectInput = z.infer<typeof ConnectInput>;

const ApiUsage = z.object({
  used: z.number(),
  limit: z.number(),
  timeframeMinutes: z.number(),
  /** When Autotask reported it (Connect or Test Connection). */
  measuredAt: z.number().optional(),
});
export type ApiUsageView = z.infer<typeof ApiUsage>;

/** The saved Autotask connection as the pages see it: no secret, no tracking identifier (last 4 only). */
export const AutotaskPublicConnection = z.object({
  psa: z.literal('autotask'),
  displayName: z.string(),
  userName: z.string(),
  secretLast4: z.string(),
  integrationCodeLast4: z.string(),
  /** "Autotask (zone name)". */
  serverLabel: z.string(),
  webUrl: z.string(),
  apiBase: z.string(),
  missingPermissions: z.array(z.string()),
  warnings: z.array(z.string()),
  /** The database's hourly API usage (ThresholdInformation) as last read. */
  apiUsage: ApiUsage.optional(),
  connectedAt: z.number(),
  lastTestedAt: z.number(),
});
export type AutotaskPublicConnection = z.infer<typeof AutotaskPublicConnection>;

/** Either PSA's saved connection (one per browser). */
export const AnyPublicConnection = z.union([PublicConnection, AutotaskPublicConnection]);
export type AnyPublicConnection = z.infer<typeof AnyPublicConnection>;

export const AutotaskConnectInput = z.object({
  psa: z.literal('autotask'),
  displayName: z.string().trim().max(100),
  userName: z.string().trim().min(1, 'Enter the API user name').max(200),
  secret: z.string().trim().min(1, 'Enter the secret').max(200),
  integrationCode: z.string().trim().min(1, 'Enter the tracking identifier').max(200),
  /**
   * The Autotask sandbox's zone lookup: only e2e/demo builds accept it (the background refuses it in
   * every other build, so a page can never point the secret at another host).
   */
  zoneLookupUrl: z.string().url().max(500).optional(),
});
export type AutotaskConnectInput = z.infer<typeof AutotaskConnectInput>;

/** Connect: the ConnectWise input exactly as before (no `psa` means ConnectWise), or Autotask's. */
export const AnyConnectInput = z.discriminatedUnion('psa', [
  ConnectInput.extend({ psa: z.literal('connectwise').optional() }),
  AutotaskConnectInput,
]);

export const TestResult = z.object({
  /** ConnectWise: the server version; Autotask: "Autotask (zone)". */
  serverVersion: z.string(),
  testedAt: z.number(),
  missingPermissions: z.array(z.string()),
  psa: z.enum(['connectwise', 'autotask']).optional(),
  /** Autotask: what works but looks wrong, and the hourly API usage. */
  warnings: z.array(z.string()).optional(),
  apiUsage: ApiUsage.optional(),
});

// --- Member mapping -------------------------------------------------------------------------------

export const Technician = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  memberId: z.number().optional(),
  memberIdentifier: z.string().optional(),
  memberName: z.string().optional(),
  mappedBy: z.enum(['auto', 'manual']).optional(),
  managed: z.boolean().optional(),
  updatedAt: z.number(),
});
export type Technician = z.infer<typeof Technician>;

export const MemberOption = z.object({
  id: z.number(),
  identifier: z.string(),
  name: z.string(),
  email: z.string(),
  emails: z.array(z.string()),
  inactive: z.boolean(),
});
export type MemberOption = z.infer<typeof MemberOption>;

export const MatchOutcome = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('matched'), memberId: z.number() }),
  z.object({ kind: z.literal('ambiguous'), memberIds: z.array(z.number()) }),
  z.object({ kind: z.literal('inactive'), memberIds: z.array(z.number()) }),
  z.object({ kind: z.literal('none') }),
]);
export type MatchOutcome = z.infer<typeof MatchOutcome>;

const Roster = z.object({ technicians: z.array(Technician) });
const Name = z.string().trim().min(1, 'Enter the technician’s name').max(200);
const Email = z.string().trim().min(3, 'Enter an email address').max(320);
const Id = z.string().min(1).max(100);

// --- Settings -------------------------------------------------------------------------------------

/**
 * A partial settings change. No defaults here (a patch must not reset what it does not mention);
 * `null` clears an optional choice (work type/role, signed-in technician). The AI assistant's settings
 * are not in it: they change only through `ai/config/save`, which binds the API key to its endpoint.
 */
export const SettingsPatch = z.object({
  autoPush: z.boolean().optional(),
  autoTimeEntry: z.boolean().optional(),
  timeRounding: Settings.shape.timeRounding.unwrap().optional(),
  noteVisibility: Settings.shape.noteVisibility.unwrap().optional(),
  includeDiagnosticSteps: z.boolean().optional(),
  promptStatusOnResolution: z.boolean().optional(),
  promptStatusOnEscalation: z.boolean().optional(),
  workTypeId: z.number().int().positive().nullable().optional(),
  workRoleId: z.number().int().positive().nullable().optional(),
  billableOption: Settings.shape.billableOption.unwrap().optional(),
  minimumBillableMinutes: z.number().int().min(0).max(480).optional(),
  signedInTechnicianId: z.string().max(100).nullable().optional(),
  idleAutoPauseMinutes: z.number().int().min(1).max(240).optional(),
  keepAssistantChats: z.boolean().optional(),
});
export type SettingsPatch = z.infer<typeof SettingsPatch>;

const TeamFileInput = z.object({
  text: z.string().max(2_000_000, 'That file is too large to be a team setup file.'),
  passphrase: z.string().min(1, 'Enter the passphrase.').max(200),
});

const NamedOption = z.object({ id: z.number(), name: z.string() });

export const optionsToBg = {
  'connection/get': message(z.object({}), AnyPublicConnection.nullable()),
  'connection/connect': message(AnyConnectInput, AnyPublicConnection),
  'connection/test': message(z.object({}), TestResult),
  /** `discardUnsent`: also discard this connection's unsent posts (kept otherwise, for its return). */
  'connection/disconnect': message(
    z.object({ discardUnsent: z.boolean().optional() }),
    z.object({ disconnected: z.boolean() }),
  ),
  /** Unsent posts per connection they were made for (issue 10 §3). */
  'outbox/unsent': message(z.object({}), z.object({ groups: z.array(z.custom<UnsentGroup>()) })),
  'outbox/discardScope': message(
    z.object({ scope: z.string().min(1).max(600) }),
    z.object({ discarded: z.number() }),
  ),

  'mapping/get': message(z.object({}), Roster.extend({ signedInTechnicianId: z.string().optional() })),
  /** Active and inactive CW members (paged fetch), for the per-technician dropdowns. */
  'mapping/members': message(z.object({}), z.object({ members: z.array(MemberOption) })),
  'mapping/autoMatch': message(
    z.object({}),
    Roster.extend({
      outcomes: z.record(z.string(), MatchOutcome),
      matched: z.number(),
      total: z.number(),
    }),
  ),
  'mapping/save': message(
    z.object({
      assignments: z
        .array(
          z.object({
            technicianId: Id,
            member: z
              .object({ id: z.number().int(), identifier: z.string().max(100), name: z.string().max(200) })
              .nullable(),
          }),
        )
        .max(5000),
    }),
    Roster,
  ),
  'mapping/signedIn': message(
    z.object({ technicianId: Id.nullable() }),
    z.object({ signedInTechnicianId: z.string().optional() }),
  ),
  'technicians/add': message(z.object({ name: Name, email: Email }), Roster),
  'technicians/update': message(z.object({ id: Id, name: Name, email: Email }), Roster),
  'technicians/remove': message(z.object({ id: Id }), Roster),
  'technicians/importCsv': message(
    z.object({ csv: z.string().max(200_000, 'The CSV file is too large (200 KB at most).') }),
    Roster.extend({
      added: z.number(),
      skipped: z.number(),
      errors: z.array(z.object({ line: z.number(), message: z.string() })),
    }),
  ),

  'settings/get': message(z.object({}), Settings),
  'settings/save': message(SettingsPatch, Settings),
  /** The site's work types and work roles for the time-entry defaults. */
  'settings/cwLists': message(
    z.object({}),
    z.object({ workTypes: z.array(NamedOption), workRoles: z.array(NamedOption) }),
  ),

  /**
   * Autotask (issue 15): the tenant's active note types and publish values (labels as the tenant
   * names them) and the choices saved for this connection.
   */
  'settings/autotaskNotes': message(
    z.object({}),
    z.object({
      types: z.array(NamedOption),
      visibilities: z.array(NamedOption),
      choices: AutotaskNoteChoices.optional(),
    }),
  ),
  'settings/autotaskNotesSave': message(AutotaskNoteChoices, AutotaskNoteChoices),
  /**
   * Autotask: the role the signed-in technician's time entries are logged under (FlowPilot picks it:
   * lib/autotask/roles.ts), so the FlowPilot tab can show it.
   */
  'settings/autotaskRole': message(
    z.object({}),
    z.object({
      technician: z.string().optional(),
      resource: z.string().optional(),
      role: NamedOption.optional(),
      source: z.enum(['setting', 'default', 'first', 'none', 'unmapped', 'nobody']),
    }),
  ),

  'team/export': message(
    z.object({ passphrase: z.string().min(8, 'Use a passphrase of at least 8 characters.').max(200) }),
    z.object({ fileName: z.string(), text: z.string(), technicians: z.number() }),
  ),
  /** Decrypts and verifies the file and says what it would change; applies nothing. */
  'team/preview': message(TeamFileInput, z.custom<TeamPreview>()),
  'team/import': message(
    TeamFileInput.extend({
      /** The technician accepted the file's AI assistant settings after seeing them in the preview. */
      applyAi: z.boolean().default(false),
    }),
    z.object({ connection: PublicConnection, technicians: z.array(Technician) }),
  ),
};
