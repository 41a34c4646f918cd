import { connect } from '../connection/service';
import { loadConnection } from '../connection/store';
import type { TechnicianRecord } from '../db/schema';
import { AppError } from '../errors';
import { listTechnicians, replaceRoster } from '../mapping/roster';
import type { PublicConnection } from '../messages/options-to-bg';
import { Settings } from '../settings/schema';
import { getSettings, saveSettings } from '../settings/store';
import { TeamCryptoError } from './crypto';
import { buildTeamFile, openTeamFile } from './file';

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

/**
 * Import: decrypt (wrong passphrase / tampered file → refused), test and save the connection (a
 * failing test saves nothing), then the roster and settings. The caller then asks "Who are you?".
 */
export async function importTeamSetup(
  text: string,
  passphrase: string,
  now = Date.now(),
): Promise<{ connection: PublicConnection; technicians: TechnicianRecord[] }> {
  let setup: Awaited<ReturnType<typeof openTeamFile>>;
  try {
    setup = await openTeamFile(text, passphrase);
  } catch (e) {
    throw asAppError(e);
  }
  const { connection: c, technicians, settings } = setup.readable;
  const connection = await connect({
    displayName: c.displayName,
    site: c.site,
    companyId: c.companyId,
    publicKey: setup.keys.publicKey,
    privateKey: setup.keys.privateKey,
    clientIdOverride: c.clientIdOverride,
  });
  await replaceRoster(technicians.map((t) => ({ ...t, updatedAt: now })));
  const parsed = Settings.safeParse(settings);
  // Settings the organization's policy locks keep the policy's value (the rest of the file applies).
  await saveSettings(
    { ...(parsed.success ? parsed.data : {}), signedInTechnicianId: undefined },
    { skipLocked: true },
  );
  return { connection, technicians: await listTechnicians() };
}
