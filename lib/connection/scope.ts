// Which tenant a post, an outbox item or a session belongs to (issue 10 §3): for ConnectWise the
// company at the API origin (the codebase is left out on purpose: it changes when CW upgrades the site,
// and the tenant stays the same); for Autotask the API user at its zone's REST origin (issue 15). Records of another scope are never sent to, nor shown on, the
// connection of the moment; they wait for their own. Pure: the Dexie migration uses it too.

export type Scope = string;

/** Records migrated while nothing was connected: their tenant cannot be known, so nothing matches it. */
export const UNKNOWN_SCOPE: Scope = 'unknown';

const AUTOTASK_PREFIX = 'autotask:';

export function connectionScope(c: {
  apiBase: string;
  companyId: string;
  psa?: string;
  autotask?: { userName: string; zone: { apiBase: string } };
}): Scope {
  if (c.psa === 'autotask' && c.autotask) {
    // Prefixed: an API user name and a CW company id never read as one another. The REST host is the
    // one saved at Connect (`apiBase`), not the cached zone: a zone found again after a 401 (the
    // database moved) must not strand the posts and sessions made before.
    return `${AUTOTASK_PREFIX}${c.autotask.userName.trim().toLowerCase()}@${new URL(c.apiBase).origin}`;
  }
  return `${c.companyId.trim().toLowerCase()}@${new URL(c.apiBase).origin}`;
}

/** What a technician reads: "company contoso at api-na.myconnectwise.net". */
export function scopeLabel(scope: Scope): string {
  const at = scope.lastIndexOf('@');
  if (scope === UNKNOWN_SCOPE || at < 0) return 'a connection that was not recorded (before this version)';
  const autotask = scope.startsWith(AUTOTASK_PREFIX);
  const who = scope.slice(autotask ? AUTOTASK_PREFIX.length : 0, at);
  let host = scope.slice(at + 1);
  try {
    host = new URL(host).host;
  } catch {
    /* keep it as stored */
  }
  return autotask ? `Autotask API user ${who} at ${host}` : `company ${who} at ${host}`;
}

/** Does a record belong to the connection of the moment? (Unscoped ones only while none is saved.) */
export function inScope(rec: { scope?: Scope }, current: Scope | undefined): boolean {
  return rec.scope === current;
}
