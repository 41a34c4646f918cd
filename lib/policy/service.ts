import { connect } from '../connection/service';
import { loadConnection } from '../connection/store';
import { CwError } from '../cw/errors';
import { normalizeSite } from '../cw/site';
import { db, type TechnicianRecord } from '../db/schema';
import { AppError } from '../errors';
import { normalizeEmail } from '../mapping/match';
import { autoMatchRoster } from '../mapping/roster';
import type { ConnectInput } from '../messages/options-to-bg';
import { profileEmail } from '../platform/identity';
import { getSettings, saveSettings } from '../settings/store';
import { hasFullConnection, type ManagedPolicy, type PolicyProblem } from './parse';
import { readPolicy } from './read';

// Applies the administrator's policy in the background: connects with the policy's keys (the same
// probes as a typed Connect), keeps the roster equal to the policy's, picks the technician by the
// profile's email. Runs at worker start, when the browser publishes a new policy, and on Retry.

const STATUS_KEY = 'policy:status';
/** A failing policy connection is retried by itself at most this often (the worker wakes every minute). */
const AUTO_RETRY_MS = 10 * 60_000;

export interface PolicyRunStatus {
  /** The policy connection's last failure, named by policy key; cleared when it connects. */
  connectionProblem?: PolicyProblem;
  /** Hash of the policy connection values that failed, and when (auto-retry throttle). */
  failed?: { fingerprint: string; at: number };
  appliedAt?: number;
}

export async function getRunStatus(): Promise<PolicyRunStatus> {
  return ((await db().settings.get(STATUS_KEY))?.value as PolicyRunStatus | undefined) ?? {};
}

async function setRunStatus(s: PolicyRunStatus): Promise<void> {
  await db().settings.put({ key: STATUS_KEY, value: s });
}

async function fingerprint(c: ManagedPolicy['connection']): Promise<string> {
  const text = [c.site, c.companyId, c.publicKey, c.privateKey, c.displayName].join('\n');
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Which policy key to blame for a failed connect, so the admin knows what to fix. */
export function problemKeyFor(e: unknown): string {
  const kind = e instanceof CwError || e instanceof AppError ? e.kind : '';
  if (kind === 'unknownCompany') return 'companyId';
  if (kind === 'auth') return 'companyId / publicKey / privateKey';
  if (kind === 'forbidden') return 'publicKey';
  if (kind === 'validation') return 'publicKey / privateKey';
  return 'site';
}

/** The policy's connection values override what was typed or imported (policy wins). */
export function withPolicyConnection<T extends Partial<ConnectInput>>(input: T, p: ManagedPolicy): T {
  const out = { ...input };
  for (const k of ['site', 'companyId', 'publicKey', 'privateKey', 'displayName'] as const) {
    const v = p.connection[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
}

function connectionMatches(
  saved: NonNullable<Awaited<ReturnType<typeof loadConnection>>>,
  c: ManagedPolicy['connection'],
): boolean {
  const site = normalizeSite(c.site ?? '');
  return (
    site.ok &&
    saved.record.site === site.site.host &&
    saved.record.companyId === c.companyId &&
    saved.creds.publicKey === c.publicKey &&
    saved.creds.privateKey === c.privateKey &&
    (c.displayName === undefined || saved.record.displayName === c.displayName)
  );
}

async function applyConnection(
  p: ManagedPolicy,
  status: PolicyRunStatus,
  force: boolean,
  now: number,
): Promise<{ status: PolicyRunStatus; changed: boolean }> {
  const saved = await loadConnection();
  if (!hasFullConnection(p)) {
    // Keys removed from the policy: the connection stays, and is the user's again.
    if (saved?.record.managed) {
      await db().connections.update('primary', { managed: false });
      return { status: { ...status, connectionProblem: undefined, failed: undefined }, changed: true };
    }
    return { status: { ...status, connectionProblem: undefined, failed: undefined }, changed: false };
  }
  if (saved && connectionMatches(saved, p.connection)) {
    if (!saved.record.managed) await db().connections.update('primary', { managed: true });
    return {
      status: { ...status, connectionProblem: undefined, failed: undefined },
      changed: !saved.record.managed,
    };
  }
  const fp = await fingerprint(p.connection);
  if (!force && status.failed?.fingerprint === fp && now - status.failed.at < AUTO_RETRY_MS)
    return { status, changed: false };
  try {
    await connect({
      displayName: p.connection.displayName ?? '',
      site: p.connection.site!,
      companyId: p.connection.companyId!,
      publicKey: p.connection.publicKey!,
      privateKey: p.connection.privateKey!,
    });
    await db().connections.update('primary', { managed: true });
    return { status: { ...status, connectionProblem: undefined, failed: undefined }, changed: true };
  } catch (e) {
    const key = problemKeyFor(e);
    const message = e instanceof Error ? e.message : String(e);
    return {
      status: { ...status, connectionProblem: { key, message }, failed: { fingerprint: fp, at: now } },
      changed: false,
    };
  }
}

/** Makes the roster equal to the policy's list; known emails keep their id and CW member mapping. */
async function applyRoster(p: ManagedPolicy, now: number): Promise<boolean> {
  const d = db();
  const current = await d.technicians.toArray();
  if (!p.technicians) {
    const wasManaged = current.filter((t) => t.managed);
    if (wasManaged.length) await d.technicians.bulkPut(wasManaged.map((t) => ({ ...t, managed: false })));
    return wasManaged.length > 0;
  }
  const byEmail = new Map(current.map((t) => [normalizeEmail(t.email), t]));
  const next: TechnicianRecord[] = p.technicians.map((t) => {
    const old = byEmail.get(normalizeEmail(t.email));
    return old
      ? {
          ...old,
          name: t.name,
          email: t.email,
          managed: true,
          updatedAt: old.name === t.name ? old.updatedAt : now,
        }
      : { id: `tech-${crypto.randomUUID()}`, name: t.name, email: t.email, managed: true, updatedAt: now };
  });
  const keep = new Set(next.map((t) => t.id));
  const removed = current.filter((t) => !keep.has(t.id)).map((t) => t.id);
  const changed =
    removed.length > 0 ||
    next.some((t) => {
      const old = current.find((c) => c.id === t.id);
      return !old || old.name !== t.name || old.email !== t.email || !old.managed;
    });
  if (!changed) return false;
  await d.transaction('rw', d.technicians, async () => {
    await d.technicians.bulkDelete(removed);
    await d.technicians.bulkPut(next);
  });
  return true;
}

/** With a managed roster, this browser's technician: kept if still listed, else found by profile email. */
async function chooseTechnician(p: ManagedPolicy): Promise<boolean> {
  if (!p.technicians) return false;
  const [{ signedInTechnicianId }, techs] = await Promise.all([getSettings(), db().technicians.toArray()]);
  if (signedInTechnicianId && techs.some((t) => t.id === signedInTechnicianId)) return false;
  const email = await profileEmail();
  const match = email ? techs.find((t) => normalizeEmail(t.email) === normalizeEmail(email)) : undefined;
  if (!match && !signedInTechnicianId) return false;
  await saveSettings({ signedInTechnicianId: match?.id });
  return true;
}

let chain: Promise<unknown> = Promise.resolve();

/**
 * Applies the current policy (one run at a time). `force` retries a failing policy connection now
 * (options page Retry) instead of waiting for the auto-retry period. Resolves to whether anything changed.
 */
export function applyPolicy(opts: { force?: boolean; now?: number } = {}): Promise<boolean> {
  const run = chain.then(async () => {
    const now = opts.now ?? Date.now();
    const { policy } = await readPolicy();
    const before = await getRunStatus();
    const conn = await applyConnection(policy, before, opts.force === true, now);
    const roster = await applyRoster(policy, now);
    if (policy.technicians && (roster || conn.changed) && (await loadConnection())) {
      // Map newly listed technicians to CW members by email (hand-made mappings are kept).
      await autoMatchRoster(now).catch(() => undefined);
    }
    const chose = await chooseTechnician(policy);
    const status = { ...conn.status, appliedAt: now };
    await setRunStatus(status);
    return (
      conn.changed ||
      roster ||
      chose ||
      JSON.stringify(before.connectionProblem) !== JSON.stringify(status.connectionProblem)
    );
  });
  chain = run.catch(() => undefined);
  return run;
}
