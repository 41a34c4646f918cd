import { emptyLane, LANE_SECTIONS, type Lane, makeItem } from '../model';
import accountLockedOut from './account-locked-out.json';
import outlookNotSyncing from './outlook-not-syncing.json';
import printerOffline from './printer-offline.json';
import slowPc from './slow-pc.json';
import vpnWontConnect from './vpn-wont-connect.json';

// Built-in playbooks: starting points that seed the task lane. Each is a JSON data file beside this
// one; to add one, drop a file with the same shape here and list it below.

export interface Playbook {
  id: string;
  title: string;
  /** Suggested problem statement (the ticket's own summary wins when there is one). */
  problem: string;
  facts: string[];
  questions: string[];
  checks: string[];
  fixes: string[];
}

const RAW: unknown[] = [outlookNotSyncing, vpnWontConnect, printerOffline, accountLockedOut, slowPc];

const isStrings = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((x) => typeof x === 'string' && x.trim() !== '');

/** Validates playbook data (plain checks, no zod: the panel imports this list too). */
export function loadPlaybooks(raw: unknown[]): Playbook[] {
  const seen = new Set<string>();
  return raw.map((r, i) => {
    const p = r as Partial<Record<keyof Playbook, unknown>>;
    const where = `Playbook #${i + 1}`;
    if (typeof p.id !== 'string' || !/^[a-z0-9-]+$/.test(p.id))
      throw new Error(`${where}: id must be kebab-case`);
    if (seen.has(p.id)) throw new Error(`${where}: duplicate id "${p.id}"`);
    seen.add(p.id);
    if (typeof p.title !== 'string' || !p.title.trim()) throw new Error(`${p.id}: title missing`);
    if (typeof p.problem !== 'string') throw new Error(`${p.id}: problem missing`);
    for (const s of LANE_SECTIONS) {
      if (!isStrings(p[s])) throw new Error(`${p.id}: "${s}" must be a list of non-empty strings`);
    }
    return p as Playbook;
  });
}

export const PLAYBOOKS: readonly Playbook[] = loadPlaybooks(RAW);

export function findPlaybook(id: string): Playbook | undefined {
  return PLAYBOOKS.find((p) => p.id === id);
}

/** The lane a playbook starts with; `newId` gives each item its stable id. */
export function playbookLane(p: Playbook, newId: () => string, now: number): Lane {
  const lane = emptyLane();
  for (const s of LANE_SECTIONS) {
    lane[s] = p[s].map((text) => makeItem(s, { text, source: 'playbook' }, newId(), now));
  }
  return lane;
}
