import { accessSync, constants, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { E2E_POLICY_EXTENSION_ID } from '../../../lib/platform/build-variants';

// A real Chromium policy file for the policy e2e. Machine-wide, so: a name unique to this test run, a
// policy aimed only at the e2e-policy build's own extension id (no other build or helper uses it), and
// removed in teardown.

export const CHROMIUM_POLICY_DIR = process.env.FP_CHROMIUM_POLICY_DIR ?? '/etc/chromium/policies/managed';

export interface PolicyFile {
  path: string;
  /** Writes the extension's policy (atomically, so Chromium never reads half a file). */
  write(policy: Record<string, unknown>): void;
  remove(): void;
}

/** The policy file, or why it cannot be written here (the test then skips and says so). */
export function openPolicyFile(): PolicyFile | { skip: string } {
  try {
    mkdirSync(CHROMIUM_POLICY_DIR, { recursive: true });
    accessSync(CHROMIUM_POLICY_DIR, constants.W_OK);
  } catch (e) {
    return {
      skip: `Cannot write Chromium's policy folder ${CHROMIUM_POLICY_DIR} (${(e as Error).message}); run as root to include the policy e2e.`,
    };
  }
  const file = path.join(CHROMIUM_POLICY_DIR, `flowpilot-e2e-policy-${process.pid}.json`);
  return {
    path: file,
    write(policy) {
      const body = { '3rdparty': { extensions: { [E2E_POLICY_EXTENSION_ID]: policy } } };
      // Same folder (rename is atomic there), hidden name: Chromium skips dot files.
      const tmp = path.join(CHROMIUM_POLICY_DIR, `.${path.basename(file)}.tmp`);
      writeFileSync(tmp, JSON.stringify(body, null, 2));
      renameSync(tmp, file);
    },
    remove() {
      rmSync(file, { force: true });
      rmSync(path.join(CHROMIUM_POLICY_DIR, `.${path.basename(file)}.tmp`), { force: true });
    },
  };
}
