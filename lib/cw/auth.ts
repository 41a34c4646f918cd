/** Pinned model version (DG "Versioning"): responses keep the 2026.4 shapes the product was built on. */
export const CW_API_VERSION = '2026.4';
export const CW_ACCEPT = `application/vnd.connectwise.com+json; version=${CW_API_VERSION}`;

export interface CwCredentials {
  companyId: string;
  publicKey: string;
  privateKey: string;
  clientId: string;
}

/** CW keys are ASCII; btoa would throw on anything else, so say so before it does. */
export function credentialProblem(c: Omit<CwCredentials, 'clientId'>): string | undefined {
  if (!c.companyId.trim())
    return 'Enter the company ID (the company you type on the ConnectWise login screen).';
  if (!c.publicKey.trim()) return 'Enter the public key.';
  if (!c.privateKey.trim()) return 'Enter the private key.';
  const printable = /^[\x21-\x7e]+$/;
  if (!printable.test(c.publicKey.trim()) || !printable.test(c.privateKey.trim())) {
    return 'API keys contain only letters and digits; check for stray characters.';
  }
  return undefined;
}

export function authHeaders(c: CwCredentials): Record<string, string> {
  const user = `${c.companyId.trim()}+${c.publicKey.trim()}`;
  return {
    Authorization: `Basic ${btoa(`${user}:${c.privateKey.trim()}`)}`,
    clientId: c.clientId,
    Accept: CW_ACCEPT,
  };
}
