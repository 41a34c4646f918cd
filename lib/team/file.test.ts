// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { decryptJson, encryptJson, TeamCryptoError } from './crypto';
import { buildTeamFile, openTeamFile, peekTeamFile } from './file';

const FAST = 100_000; // the minimum accepted; the real export uses 600 000
const data = {
  exportedAt: '2026-11-28T10:00:00Z',
  connection: { displayName: 'Acme CW', site: 'na.myconnectwise.net', companyId: 'acme' },
  technicians: [
    { id: 't1', name: 'John Smith', email: 'john@acme.com', memberId: 101, mappedBy: 'auto' as const },
  ],
  settings: { autoPush: true, timeRounding: '30' },
};
const keys = { publicKey: 'PubKey123', privateKey: 'PrivKey456' };

async function reason(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'resolved';
  } catch (e) {
    return e instanceof TeamCryptoError ? e.reason : `other: ${String(e)}`;
  }
}

describe('team setup file', () => {
  it('round-trips with the right passphrase, and the keys are not readable in the file', async () => {
    const text = await buildTeamFile(data, keys, 'correct horse', FAST);
    expect(text).not.toContain('PrivKey456');
    expect(text).not.toContain('PubKey123');
    expect(text).toContain('na.myconnectwise.net');
    const opened = await openTeamFile(text, 'correct horse');
    expect(opened.keys).toEqual(keys);
    expect(opened.readable.technicians[0]?.memberId).toBe(101);
    expect(opened.readable.settings).toEqual(data.settings);
  });

  it('refuses a wrong passphrase', async () => {
    const text = await buildTeamFile(data, keys, 'correct horse', FAST);
    expect(await reason(openTeamFile(text, 'wrong horse'))).toBe('wrongPassphrase');
  });

  it('refuses a file whose readable part was edited (site, roster or settings)', async () => {
    const text = await buildTeamFile(data, keys, 'correct horse', FAST);
    const f = JSON.parse(text);
    f.connection.site = 'evil.example.com';
    expect(await reason(openTeamFile(JSON.stringify(f), 'correct horse'))).toBe('tampered');
    const g = JSON.parse(text);
    g.technicians[0].memberId = 999;
    expect(await reason(openTeamFile(JSON.stringify(g), 'correct horse'))).toBe('tampered');
  });

  it('refuses a flipped ciphertext byte', async () => {
    const text = await buildTeamFile(data, keys, 'correct horse', FAST);
    const f = JSON.parse(text);
    const bytes = Buffer.from(f.secrets.data, 'base64');
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    f.secrets.data = bytes.toString('base64');
    expect(await reason(openTeamFile(JSON.stringify(f), 'correct horse'))).toBe('tampered');
  });

  it('accepts a reformatted file (key order and whitespace do not matter)', async () => {
    const text = await buildTeamFile(data, keys, 'correct horse', FAST);
    const f = JSON.parse(text);
    const reordered = { secrets: f.secrets, settings: f.settings, ...f };
    expect((await openTeamFile(JSON.stringify(reordered), 'correct horse')).keys).toEqual(keys);
  });

  it('refuses things that are not team files, and absurd KDF settings', async () => {
    expect(() => peekTeamFile('not json')).toThrow(/not a FlowPilot team setup file/);
    expect(() => peekTeamFile('{"format":"other"}')).toThrow(/not a FlowPilot team setup file/);
    expect(() => peekTeamFile('{"format":"flowpilot-team-setup"}')).toThrow(/damaged or was edited/);
    const blob = await encryptJson({ a: 1 }, 'pass phrase', 'x', FAST);
    expect(await reason(decryptJson({ ...blob, iterations: 10 }, 'pass phrase', 'x'))).toBe('badFile');
  });

  it('requires a passphrase of 8+ characters', async () => {
    expect(await reason(buildTeamFile(data, keys, 'short', FAST))).toBe('badFile');
  });
});
