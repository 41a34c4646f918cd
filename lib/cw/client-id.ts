/**
 * The integration's public clientId (DG "ClientIds"), set at build time with WXT_CW_CLIENT_ID. The
 * fallback is a placeholder GUID that the sandbox accepts; release builds must set the real one.
 * Partners with their own id use the "Advanced" override on the Connection tab.
 */
export const PLACEHOLDER_CLIENT_ID = '6f1f0c3e-2b7a-4c7e-9d51-0f1a2b3c4d5e';

export function buildClientId(): string {
  const fromEnv = import.meta.env.WXT_CW_CLIENT_ID as string | undefined;
  return fromEnv?.trim() || PLACEHOLDER_CLIENT_ID;
}
