// Which ConnectWise tenant a post, an outbox item or a session belongs to (issue 10 §3): the company
// at the API origin. The codebase is left out of it on purpose: it changes when CW upgrades the site,
// and the tenant stays the same. Records of another scope are never sent to, nor shown on, the
// connection of the moment; they wait for their own. Pure: the Dexie migration uses it too.

export type Scope = string;

/** Records migrated while nothing was connected: their tenant cannot be known, so nothing matches it. */
export const UNKNOWN_SCOPE: Scope = 'unknown';

export function connectionScope(c: { apiBase: string; companyId: string }): Scope {
  return `${c.companyId.trim().toLowerCase()}@${new URL(c.apiBase).origin}`;
}

/** What a technician reads: "company contoso at api-na.myconnectwise.net". */
export function scopeLabel(scope: Scope): string {
  const at = scope.indexOf('@');
  if (scope === UNKNOWN_SCOPE || at < 0) return 'a connection that was not recorded (before this version)';
  let host = scope.slice(at + 1);
  try {
    host = new URL(host).host;
  } catch {
    /* keep it as stored */
  }
  return `company ${scope.slice(0, at)} at ${host}`;
}

/** Does a record belong to the connection of the moment? (Unscoped ones only while none is saved.) */
export function inScope(rec: { scope?: Scope }, current: Scope | undefined): boolean {
  return rec.scope === current;
}
