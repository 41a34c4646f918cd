// Connections as the worker stores them (lib/db/schema.ts ConnectionRecord), for unit tests that need
// one saved: a ConnectWise one on the loopback sandbox's address, and an Autotask one in the zone of
// the Autotask fact sheet with an API user of a made-up tenant.
import type { ConnectionRecord } from '@/lib/db/schema';

export const AUTOTASK_ZONE = {
  apiBase: 'https://webservices18.autotask.net/ATServicesRest/V1.0',
  webUrl: 'https://ww18.autotask.net/',
  zoneName: 'America East',
};

export const AUTOTASK_RECORD: ConnectionRecord = {
  id: 'primary',
  psa: 'autotask',
  displayName: 'Acme Autotask',
  site: 'ww18.autotask.net',
  scheme: 'https',
  companyId: 'api@acme.example',
  codebase: '',
  apiBase: AUTOTASK_ZONE.apiBase,
  cloud: true,
  serverVersion: 'Autotask (America East)',
  missingPermissions: [],
  connectedAt: 1,
  lastTestedAt: 1,
  autotask: { userName: 'api@acme.example', zone: AUTOTASK_ZONE },
};

export const CW_RECORD: ConnectionRecord = {
  id: 'primary',
  psa: 'connectwise',
  displayName: 'CW',
  site: '127.0.0.1:4100',
  scheme: 'http',
  companyId: 'flowpilot',
  codebase: 'v2026_4/',
  apiBase: 'http://127.0.0.1:4100/v2026_4/apis/3.0',
  cloud: false,
  serverVersion: 'v2026.4',
  missingPermissions: [],
  connectedAt: 1,
  lastTestedAt: 1,
};
