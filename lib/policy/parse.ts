import { normalizeSite } from '../cw/site';
import { isEmail } from '../mapping/csv';
import { normalizeEmail } from '../mapping/match';
import {
  CONNECTION_KEYS,
  type ConnectionKey,
  POLICY_SETTING_KEYS,
  POLICY_SETTINGS,
  type PolicySettingKey,
} from './keys';

// Turns whatever the browser's managed storage holds into a policy FlowPilot can apply. A bad value is
// dropped (as if the admin had not set it) and reported as a problem naming its policy key, so the
// options page and the panel can say exactly what to fix. Pure: no browser, no database.

export interface SettingRule {
  /** The policy's value: the default, or (when locked) the only allowed value. Absent: FlowPilot's own. */
  value?: unknown;
  locked: boolean;
}

export interface ManagedPolicy {
  connection: Partial<Record<ConnectionKey, string>>;
  technicians?: { name: string; email: string }[];
  settings: Partial<Record<PolicySettingKey, SettingRule>>;
  /** AI endpoint base URLs technicians may use; undefined = any. */
  aiAllowedEndpoints?: string[];
}

export interface PolicyProblem {
  /** The policy key as the admin wrote it, e.g. `settings.noteVisibility.default`, `technicians[2].email`. */
  key: string;
  message: string;
}

export interface ParsedPolicy {
  policy: ManagedPolicy;
  problems: PolicyProblem[];
}

export const EMPTY_POLICY: ManagedPolicy = { connection: {}, settings: {} };

const KNOWN_TOP = new Set<string>([...CONNECTION_KEYS, 'technicians', 'settings', 'aiAllowedEndpoints']);

const show = (v: unknown) => (typeof v === 'string' ? `"${v}"` : JSON.stringify(v));
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function settingProblem(key: PolicySettingKey, v: unknown): string | undefined {
  const def = POLICY_SETTINGS[key];
  const r = def.value.safeParse(v);
  if (r.success) return undefined;
  const options = (def.value as { options?: unknown[] }).options;
  if (Array.isArray(options)) return `${show(v)} is not allowed; use one of ${options.join(', ')}.`;
  return `${show(v)} is not valid for ${def.label} (${r.error.issues[0]?.message ?? def.type}).`;
}

function parseConnection(raw: Record<string, unknown>, problems: PolicyProblem[]) {
  const out: ManagedPolicy['connection'] = {};
  for (const k of CONNECTION_KEYS) {
    const v = raw[k];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string' || !v.trim()) {
      problems.push({ key: k, message: `${show(v)} is not a text value.` });
      continue;
    }
    if (k === 'site') {
      const site = normalizeSite(v);
      if (!site.ok) {
        problems.push({ key: k, message: site.message });
        continue;
      }
    }
    out[k] = v.trim();
  }
  return out;
}

function parseTechnicians(v: unknown, problems: PolicyProblem[]): ManagedPolicy['technicians'] {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) {
    problems.push({ key: 'technicians', message: 'must be a list of { "name", "email" } entries.' });
    return undefined;
  }
  const seen = new Map<string, number>();
  const out: { name: string; email: string }[] = [];
  for (const [i, t] of v.entries()) {
    const key = `technicians[${i}]`;
    const name = isObject(t) && typeof t.name === 'string' ? t.name.trim() : '';
    const email = isObject(t) && typeof t.email === 'string' ? t.email.trim() : '';
    const dup = seen.get(normalizeEmail(email));
    if (!name) problems.push({ key: `${key}.name`, message: 'is missing.' });
    else if (!isEmail(email))
      problems.push({ key: `${key}.email`, message: `${show(email)} is not an email address.` });
    else if (dup !== undefined)
      problems.push({ key: `${key}.email`, message: `${email} is already used by technicians[${dup}].` });
    else {
      seen.set(normalizeEmail(email), i);
      out.push({ name, email });
    }
  }
  return out;
}

function parseSettings(v: unknown, problems: PolicyProblem[]): ManagedPolicy['settings'] {
  const out: ManagedPolicy['settings'] = {};
  if (v === undefined || v === null) return out;
  if (!isObject(v)) {
    problems.push({ key: 'settings', message: 'must be an object of { "default", "locked" } entries.' });
    return out;
  }
  for (const [name, rule] of Object.entries(v)) {
    const key = `settings.${name}`;
    if (!(POLICY_SETTING_KEYS as string[]).includes(name)) {
      problems.push({ key, message: 'is not a FlowPilot setting (see README "Deploy to your team").' });
      continue;
    }
    const k = name as PolicySettingKey;
    if (!isObject(rule)) {
      problems.push({ key, message: 'must be { "default": …, "locked": true|false }.' });
      continue;
    }
    if (rule.locked !== undefined && typeof rule.locked !== 'boolean') {
      problems.push({ key: `${key}.locked`, message: `${show(rule.locked)} is not true or false.` });
      continue;
    }
    const locked = rule.locked === true;
    if (rule.default === undefined || rule.default === null) {
      out[k] = { locked };
      continue;
    }
    const bad = settingProblem(k, rule.default);
    if (bad) {
      problems.push({ key: `${key}.default`, message: bad });
      continue;
    }
    out[k] = { value: rule.default, locked };
  }
  return out;
}

function parseAllowList(v: unknown, problems: PolicyProblem[]): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) {
    problems.push({ key: 'aiAllowedEndpoints', message: 'must be a list of endpoint base URLs.' });
    return [];
  }
  const out: string[] = [];
  v.forEach((u, i) => {
    let url: URL | undefined;
    try {
      url = typeof u === 'string' ? new URL(u.trim()) : undefined;
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:'))
      problems.push({ key: `aiAllowedEndpoints[${i}]`, message: `${show(u)} is not an http(s) URL.` });
    else out.push(String(u).trim());
  });
  // A list whose every entry was bad still means "restricted": nothing is allowed until it is fixed.
  return out;
}

export function parsePolicy(raw: Record<string, unknown> | undefined): ParsedPolicy {
  const problems: PolicyProblem[] = [];
  const r = raw ?? {};
  const policy: ManagedPolicy = {
    connection: parseConnection(r, problems),
    settings: parseSettings(r.settings, problems),
  };
  const technicians = parseTechnicians(r.technicians, problems);
  if (technicians) policy.technicians = technicians;
  const allow = parseAllowList(r.aiAllowedEndpoints, problems);
  if (allow) policy.aiAllowedEndpoints = allow;
  for (const k of Object.keys(r))
    if (!KNOWN_TOP.has(k))
      problems.push({ key: k, message: 'is not a FlowPilot policy key (see README "Deploy to your team").' });
  return { policy, problems };
}

/** True when the policy sets anything at all (the options page then shows what it manages). */
export function isManaged(p: ManagedPolicy): boolean {
  return (
    Object.keys(p.connection).length > 0 ||
    p.technicians !== undefined ||
    Object.keys(p.settings).length > 0 ||
    p.aiAllowedEndpoints !== undefined
  );
}

/** The policy carries a whole connection, so FlowPilot connects by itself. */
export function hasFullConnection(p: ManagedPolicy): boolean {
  const c = p.connection;
  return Boolean(c.site && c.companyId && c.publicKey && c.privateKey);
}

/**
 * Is this AI endpoint allowed? An entry allows its own URL and anything below it at a path boundary
 * (`https://api.openai.com/v1` allows `https://api.openai.com/v1/` but not `https://api.openai.com/v10`).
 */
export function isEndpointAllowed(baseUrl: string, allowList: string[] | undefined): boolean {
  if (!allowList) return true;
  const norm = (u: string) => {
    try {
      const x = new URL(u.trim());
      return `${x.protocol}//${x.host.toLowerCase()}${x.pathname.replace(/\/+$/, '')}`;
    } catch {
      return undefined;
    }
  };
  const target = norm(baseUrl);
  if (!target) return false;
  return allowList.some((entry) => {
    const e = norm(entry);
    return e !== undefined && (target === e || target.startsWith(`${e}/`));
  });
}
