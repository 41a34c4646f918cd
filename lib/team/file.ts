import { canonicalJson } from '../canonical-json';
import { z } from '../platform/zod';
import { decryptJson, type EncryptedBlob, encryptJson, PBKDF2_ITERATIONS, TeamCryptoError } from './crypto';

// The team setup file an admin exports and technicians import: connection (without keys), roster with
// mappings, and settings, readable; the API keys encrypted with the admin's passphrase. The readable
// parts are bound to the ciphertext (AAD), so a changed roster or site is refused like a wrong key.

export const TEAM_FILE_FORMAT = 'flowpilot-team-setup';
export const MIN_PASSPHRASE = 8;

const Blob = z.object({
  kdf: z.literal('PBKDF2-SHA256'),
  iterations: z.number().int(),
  salt: z.string().max(100),
  cipher: z.literal('AES-256-GCM'),
  checkIv: z.string().max(100),
  check: z.string().max(200),
  iv: z.string().max(100),
  data: z.string().max(10_000),
});

export const TeamTechnician = z.object({
  id: z.string().min(1).max(100),
  name: z.string().max(200),
  email: z.string().max(320),
  memberId: z.number().int().optional(),
  memberIdentifier: z.string().max(100).optional(),
  memberName: z.string().max(200).optional(),
  mappedBy: z.enum(['auto', 'manual']).optional(),
});
export type TeamTechnician = z.infer<typeof TeamTechnician>;

export const TeamConnection = z.object({
  displayName: z.string().max(100),
  site: z.string().max(500),
  companyId: z.string().max(100),
  clientIdOverride: z.string().max(100).optional(),
});

const Readable = z.object({
  format: z.literal(TEAM_FILE_FORMAT),
  version: z.literal(1),
  exportedAt: z.string().max(40),
  connection: TeamConnection,
  technicians: z.array(TeamTechnician).max(5000),
  /** Validated again by the Settings schema on import (unknown fields are dropped there). */
  settings: z.record(z.string(), z.unknown()),
});
export type TeamReadable = z.infer<typeof Readable>;

const TeamFile = Readable.extend({ secrets: Blob });
export type TeamFile = z.infer<typeof TeamFile>;

const Keys = z.object({ publicKey: z.string().min(1), privateKey: z.string().min(1) });
export type TeamKeys = z.infer<typeof Keys>;

export interface TeamSetup {
  readable: TeamReadable;
  keys: TeamKeys;
}

function aadOf(r: TeamReadable): string {
  const { format, version, exportedAt, connection, technicians, settings } = r;
  return canonicalJson({ format, version, exportedAt, connection, technicians, settings });
}

export async function buildTeamFile(
  data: Omit<TeamReadable, 'format' | 'version'>,
  keys: TeamKeys,
  passphrase: string,
  iterations = PBKDF2_ITERATIONS,
): Promise<string> {
  if (passphrase.length < MIN_PASSPHRASE) {
    throw new TeamCryptoError('badFile', `Use a passphrase of at least ${MIN_PASSPHRASE} characters.`);
  }
  const readable: TeamReadable = { format: TEAM_FILE_FORMAT, version: 1, ...data };
  const secrets: EncryptedBlob = await encryptJson(keys, passphrase, aadOf(readable), iterations);
  const file: TeamFile = { ...readable, secrets };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** The readable part only (site, roster) — the page uses it to ask for host access before importing. */
export function peekTeamFile(text: string): TeamReadable {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new TeamCryptoError('badFile', 'This is not a FlowPilot team setup file (it is not JSON).');
  }
  const parsed = TeamFile.safeParse(raw);
  if (!parsed.success) {
    const fmt = (raw as { format?: unknown } | null)?.format;
    throw new TeamCryptoError(
      'badFile',
      fmt === TEAM_FILE_FORMAT
        ? 'The team setup file is damaged or was edited: some of its fields are missing or wrong.'
        : 'This is not a FlowPilot team setup file.',
    );
  }
  const { secrets: _s, ...readable } = parsed.data;
  return readable;
}

export async function openTeamFile(text: string, passphrase: string): Promise<TeamSetup> {
  const readable = peekTeamFile(text);
  const file = TeamFile.parse(JSON.parse(text));
  const keys = Keys.safeParse(await decryptJson(file.secrets, passphrase, aadOf(readable)));
  if (!keys.success) throw new TeamCryptoError('badFile', 'The team setup file holds no usable API keys.');
  return { readable, keys: keys.data };
}
