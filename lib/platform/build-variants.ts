// Build variants and the ids that pin them, in one place (read by wxt.config.ts and the tests).

/** Firefox needs a fixed add-on id for MV3 (storage, policies.json and AMO updates are keyed by it). */
export const GECKO_ID = 'flowpilot-connectwise@flowpilot.app';

/**
 * Firefox 140 ESR is the oldest Firefox we test, and the first with `data_collection_permissions` (which
 * AMO requires of new add-ons) and MV3 host permissions granted at install (127+).
 */
export const GECKO_MIN_VERSION = '140.0';

/**
 * The oldest Chromium the e2e suite runs against: Debian bookworm's `chromium` package on the test
 * machine (`chromium --version` → 150.0.7871.100). Older browsers are untested, so the stores are told
 * not to offer FlowPilot to them (manifest `minimum_chrome_version`, Chrome and Edge builds).
 */
export const CHROME_MIN_VERSION = '150';

/**
 * Test builds that treat loopback as a CW site: `e2e` (the normal e2e and the demo) and `e2e-policy`
 * (the Chromium policy e2e, pinned to its own extension id so a machine-wide policy file aimed at it can
 * never reach another build running on the same machine).
 */
export const E2E_MODES = ['e2e', 'e2e-policy'] as const;
export function isE2eMode(mode: string): boolean {
  return (E2E_MODES as readonly string[]).includes(mode);
}

/**
 * Public half of a key pair made only for the policy e2e build (the private half was never kept: Chrome
 * needs only the manifest `key` to derive the id). Extension id: E2E_POLICY_EXTENSION_ID.
 */
export const E2E_POLICY_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAx1CI1WQtGCZmNZaPFRDCgWHGHnL4W1h37r249lRYwpRxRZQrdseqP57f/YuyDqC6j/a3EXi6bmF42O154hKozzjeHCuS7pISu2tmtAF7Hw5Ld0Nyb5DsO/oDZzLsaWatqXmGMRrM6DU1N5WG98asxZbpWPdQBkwYSp2zlqMoL6lyTOsJDrB2cm7z8bJbrk+9iJtJaOBbN4pUj02dhT/whIeDfkGCFAZz1GefjvTbGVtgSkX/61FL6sHtILXqfeqkWCSgJf98eHwcMOF3UKX2GyLyIUm28WwJ5l+pHKQ/lHCnstN6LnEZlsivj6EGFUdvA9BmHJCNcVgbMoc9QonnfQIDAQAB';
export const E2E_POLICY_EXTENSION_ID = 'mcfbibhjllgnolmehfjcpmjkjmadakpd';
