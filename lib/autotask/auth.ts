// Autotask REST authentication: three headers on every call (Swagger): the API-only user's UserName and
// Secret, and the integration's tracking identifier as ApiIntegrationCode. No session, no Basic auth.

export interface AtCredentials {
  /** The API user's user name (usually looks like an email address). */
  userName: string;
  secret: string;
  /** The tracking identifier (vendor or "Custom (Internal Integration)" code). */
  integrationCode: string;
}

/** What is wrong with typed credentials, in words a technician can act on; undefined when fine. */
export function credentialProblem(c: AtCredentials): string | undefined {
  if (!c.userName.trim()) return 'Enter the API user name (Admin → Resources/Users → the API-only user).';
  if (!c.secret.trim()) return 'Enter the API secret (generated on the API user with "Generate Secret").';
  if (!c.integrationCode.trim()) {
    return 'Enter the tracking identifier (the API user\'s "API Tracking Identifier": a vendor or custom integration code).';
  }
  // Header values must be printable ASCII; a pasted secret with a line break or a smart quote would
  // make fetch throw before anything is sent.
  const printable = /^[\x20-\x7e]+$/;
  for (const [label, v] of [
    ['user name', c.userName],
    ['secret', c.secret],
    ['tracking identifier', c.integrationCode],
  ] as const) {
    if (!printable.test(v.trim())) return `The ${label} contains a character that cannot be sent; retype it.`;
  }
  return undefined;
}

export function authHeaders(c: AtCredentials): Record<string, string> {
  return {
    ApiIntegrationCode: c.integrationCode.trim(),
    UserName: c.userName.trim(),
    // Not trimmed inside: a secret may legitimately contain spaces; only surrounding whitespace goes.
    Secret: c.secret.trim(),
    Accept: 'application/json',
  };
}
