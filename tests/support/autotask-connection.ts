// A saved Autotask connection pointing at the Autotask sandbox, for background-side tests (what
// Connect will save once the Connection tab offers Autotask).
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { apiBaseFromZoneUrl } from '../../lib/autotask/zone';
import { deleteConnection, saveAutotaskConnection } from '../../lib/connection/store';
import type { ConnectionRecord } from '../../lib/db/schema';
import { type AutotaskSandbox, startAutotaskSandbox } from '../autotask-sandbox/index.ts';

export function autotaskRecord(sb: AutotaskSandbox): ConnectionRecord & {
  autotask: NonNullable<ConnectionRecord['autotask']>;
} {
  const apiBase = apiBaseFromZoneUrl(sb.zone.url) as string;
  return {
    id: 'primary',
    psa: 'autotask',
    displayName: 'Autotask sandbox',
    site: new URL(sb.zone.webUrl).host,
    scheme: 'http',
    companyId: sb.credentials.userName,
    codebase: '',
    apiBase,
    cloud: false,
    serverVersion: `Autotask (${sb.zone.zoneName})`,
    missingPermissions: [],
    connectedAt: 1,
    lastTestedAt: 1,
    autotask: {
      userName: sb.credentials.userName,
      zone: { apiBase, webUrl: sb.zone.webUrl, zoneName: sb.zone.zoneName },
      zoneLookupUrl: sb.zoneLookupUrl,
    },
  };
}

export const saveSandboxAutotask = (sb: AutotaskSandbox) =>
  saveAutotaskConnection(autotaskRecord(sb), sb.credentials);

/**
 * The Autotask sandbox for one test file: started once, reset before each test with no saved
 * connection (or, with `connect`, the sandbox's own saved). Returned as a stand-in that forwards to the
 * running sandbox, so tests keep writing `sb.…`.
 */
export function useAutotaskSandbox(opts: { connect?: boolean } = {}): AutotaskSandbox {
  let current: AutotaskSandbox | undefined;
  const live = (): AutotaskSandbox => {
    if (!current) throw new Error('The sandbox starts in beforeAll: use it inside a test or hook.');
    return current;
  };
  beforeAll(async () => {
    current = await startAutotaskSandbox();
  });
  afterAll(() => current?.close());
  beforeEach(async () => {
    live().reset();
    await deleteConnection();
    if (opts.connect) await saveSandboxAutotask(live());
  });
  return new Proxy({} as AutotaskSandbox, {
    get: (_t, p) => Reflect.get(live(), p),
    set: (_t, p, value) => Reflect.set(live(), p, value),
  });
}
