/** Top-level policy keys besides `settings` (README "Deploy to your team" documents each). */
export const CONNECTION_KEYS = ['site', 'companyId', 'publicKey', 'privateKey', 'displayName'] as const;
export type ConnectionKey = (typeof CONNECTION_KEYS)[number];
export const CONNECTION_LABELS: Record<ConnectionKey, string> = {
  site: 'Site URL',
  companyId: 'Company ID',
  publicKey: 'Public Key',
  privateKey: 'Private Key',
  displayName: 'Display Name',
};
