// A saved Autotask connection pointing at the Autotask sandbox, for background-side tests (what
// Connect will save once the Connection tab offers Autotask).
import { apiBaseFromZoneUrl } from '../../lib/autotask/zone';
import { saveAutotaskConnection } from '../../lib/connection/store';
import type { ConnectionRecord } from '../../lib/db/schema';
import type { AutotaskSandbox } from '../autotask-sandbox/index.ts';

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
