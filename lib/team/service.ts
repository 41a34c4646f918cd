import { assertEndpointAllowed, saveAiConfig } from '../ai/config';
import { checkAiBaseUrl } from '../ai/endpoint';
import { AiError } from '../ai/provider';
import { connect } from '../connection/service';
import { loadConnection } from '../connection/store';
import { normalizeSite, webOrigin } from '../cw/site';
import type { TechnicianRecord } from '../db/schema';
import { AppError } from '../errors';
import { listTechnicians, replaceRoster } from '../mapping/roster';
import type { PublicConnection } from '../messages/options-to-bg';
import { Settings } from '../settings/schema';
import { getSettings, saveSettings } from '../settings/store';
import { TeamCryptoError } from './crypto';
import { buildTeamFile, openTeamFile, type TeamSetup } from './file';

// Export/import of the team setup (background only: it is where the keys live).

function asAppError(e: unknown): unknown {
  return e instanceof TeamCryptoError
    ? new AppError(`team/${e.reason}`, `${e.message} Nothing was changed.`)
    : e;
}

export async function exportTeamSetup(passphrase: string, now = new Date()) {
  const conn = await loadConnection();
  if (!conn) throw new AppError('notConnected', 'Connect to ConnectWise before exporting the team setup.');
  // Who uses this browser is personal; each technician picks themselves on import.
  const { signedInTechnicianId: _me, ...settings } = await getSettings();
  const technicians = (await listTechnicians()).map(({ updatedAt: _u, ...t }) => t);
  try {
    const text = await buildTeamFile(
      {
        exportedAt: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
        connection: {
          displayName: conn.record.displayName,
          site: `${conn.record.scheme}://${conn.record.site}`,
          companyId: conn.record.companyId,
          clientIdOverride: conn.record.clientIdOverride,
        },
        technicians,
        settings,
      },
      { publicKey: conn.creds.publicKey, privateKey: conn.creds.privateKey },
      passphrase,
    );
    const day = now.toISOString().slice(0, 10);
    return { fileName: `flowpilot-team-setup-${day}.json`, text, technicians: technicians.length };
  } catch (e) {
    throw asAppError(e);
  }
}

type AiSettings = Settings['ai'];

export interface TeamPreview {
  displayName: string;
  /** The CW site the file connects to, as a web origin (`https://na.myconnectwise.net`). */
  site: string;
  companyId: string;
  technicians: number;
  ai: {
    file: AiSettings;
    current: AiSettings;
    /** What applying the file's AI settings would change, in words; empty when nothing would. */
    changes: string[];
    /** Why the file's AI settings cannot be applied at all (e.g. plain http to another host). */
    refused?: string;
  };
}

async function open(text: string, passphrase: string): Promise<TeamSetup> {
  try {
    return await openTeamFile(text, passphrase);
  } catch (e) {
    throw asAppError(e);
  }
}

function fileSettings(setup: TeamSetup): Settings {
  const parsed = Settings.safeParse(setup.readable.settings);
  return parsed.success ? parsed.data : Settings.parse({});
}

/** What the file's AI settings would change here, for the technician to read before accepting. */
export function aiChanges(current: AiSettings, file: AiSettings): string[] {
  const out: string[] = [];
  if (file.baseUrl !== current.baseUrl)
    out.push(
      file.baseUrl
        ? `Changes the AI endpoint to ${file.baseUrl}${current.baseUrl ? ` (now ${current.baseUrl})` : ''}: ticket data is sent there.`
        : 'Removes the AI endpoint.',
    );
  if (file.enabled !== current.enabled)
    out.push(file.enabled ? 'Turns the AI assistant on.' : 'Turns the AI assistant off.');
  if (file.model !== current.model && file.model) out.push(`Uses the model ${file.model}.`);
  if (current.redactPii && !file.redactPii)
    out.push('Turns redaction OFF: email addresses and phone numbers are sent to the AI as they are.');
  if (!current.redactPii && file.redactPii)
    out.push('Turns redaction of email addresses and phone numbers on.');
  return out;
}

/** Why the file's AI settings cannot apply here: no endpoint, a refused URL, or the policy's allow-list. */
async function aiRefusal(ai: AiSettings): Promise<string | undefined> {
  if (ai.enabled && (!ai.baseUrl || !ai.model))
    return 'The file turns the AI assistant on without an endpoint and a model.';
  if (!ai.baseUrl) return undefined;
  const c = checkAiBaseUrl(ai.baseUrl);
  if (!c.ok) return c.message;
  if (!ai.enabled) return undefined;
  return assertEndpointAllowed(ai.baseUrl).then(
    () => undefined,
    (e: unknown) => (e instanceof Error ? e.message : 'Your organization’s policy does not allow it.'),
  );
}

/**
 * Step 1 of an import: decrypt and verify the file (wrong passphrase / edited file → refused) and say
 * what it would do: which CW site it connects to and what it would change in the AI assistant. Nothing
 * is applied, and the page asks for host access only after this succeeded.
 */
export async function previewTeamSetup(text: string, passphrase: string): Promise<TeamPreview> {
  const setup = await open(text, passphrase);
  const { connection: c, technicians } = setup.readable;
  const site = normalizeSite(c.site);
  if (!site.ok) throw new AppError('badSite', `The team setup file's site is not usable: ${site.message}`);
  const current = (await getSettings()).ai;
  const file = fileSettings(setup).ai;
  const refused = await aiRefusal(file);
  return {
    displayName: c.displayName,
    site: webOrigin(site.site),
    companyId: c.companyId,
    technicians: technicians.length,
    ai: { file, current, changes: aiChanges(current, file), ...(refused ? { refused } : {}) },
  };
}

/**
 * Step 2: decrypt again, test and save the connection (a failing test saves nothing), then the roster
 * and settings. The file's AI settings are applied only when the technician accepted them after the
 * preview (`applyAi`), through the AI settings path that keeps the API key with its own endpoint.
 * The caller then asks "Who are you?".
 */
export async function importTeamSetup(
  text: string,
  passphrase: string,
  opts: { applyAi?: boolean } = {},
  now = Date.now(),
): Promise<{ connection: PublicConnection; technicians: TechnicianRecord[] }> {
  const setup = await open(text, passphrase);
  const { connection: c, technicians } = setup.readable;
  const { ai: fileAi, ...settings } = fileSettings(setup);
  const refused = opts.applyAi ? await aiRefusal(fileAi) : undefined;
  if (refused) throw new AiError('aiNotConfigured', `${refused} Nothing was changed.`);
  const connection = await connect({
    displayName: c.displayName,
    site: c.site,
    companyId: c.companyId,
    publicKey: setup.keys.publicKey,
    privateKey: setup.keys.privateKey,
    clientIdOverride: c.clientIdOverride,
  });
  // Trimmed like every other way names come in (a stray blank hides a formula from CSV checks).
  await replaceRoster(
    technicians.map((t) => ({ ...t, name: t.name.trim(), email: t.email.trim(), updatedAt: now })),
  );
  // Settings the organization's policy locks keep the policy's value (the rest of the file applies).
  await saveSettings({ ...settings, signedInTechnicianId: undefined }, { skipLocked: true });
  if (opts.applyAi) await saveAiConfig(fileAi, { skipLocked: true });
  return { connection, technicians: await listTechnicians() };
}
