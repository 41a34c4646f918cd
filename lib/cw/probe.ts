import type { CwCredentials } from './auth';
import { CwClient } from './client';
import { discoverCompany } from './discovery';
import { CwError } from './errors';
import { apiBaseUrl, type CwSite } from './site';

export interface ConnectionProbe {
  apiBase: string;
  codebase: string;
  companyName?: string;
  serverVersion: string;
  isCloud: boolean;
  /** Reads the product needs that the API member's security role refuses, in words. */
  missingPermissions: string[];
}

interface SystemInfo {
  version?: string;
  isCloud?: boolean;
}

/**
 * Connect's credential test: discover the codebase, call /system/info, then probe the reads the
 * product needs in parallel (tickets, members, board statuses) so a missing permission is named.
 */
export async function probeConnection(
  site: CwSite,
  creds: CwCredentials,
  signal?: AbortSignal,
): Promise<ConnectionProbe> {
  const info = await discoverCompany(site, creds.companyId, { signal });
  const apiBase = apiBaseUrl(site, info.codebase);
  const client = new CwClient({ ...creds, apiBase });
  const probe = site.cloud;
  const sys = await client.get<SystemInfo>('system/info', undefined, { signal, probe });

  const missing: string[] = [];
  const check = async (label: string, run: () => Promise<unknown>) => {
    try {
      await run();
    } catch (e) {
      if (e instanceof CwError && e.kind === 'forbidden') missing.push(label);
      else throw e;
    }
  };
  await Promise.all([
    check('Service tickets (read)', () =>
      client.get('service/tickets', { pageSize: 1, fields: ['id'] }, { signal, probe }),
    ),
    check('Members (read)', () =>
      client.get('system/members', { pageSize: 1, fields: ['id'] }, { signal, probe }),
    ),
    check('Board statuses (read)', async () => {
      const boards = await client.get<{ id: number }[]>(
        'service/boards',
        { pageSize: 1, fields: ['id'] },
        { signal, probe },
      );
      const first = boards[0];
      if (first)
        await client.get(
          `service/boards/${first.id}/statuses`,
          { pageSize: 1, fields: ['id'] },
          { signal, probe },
        );
    }),
  ]);
  return {
    apiBase,
    codebase: info.codebase,
    companyName: info.companyName,
    serverVersion: sys.version ?? info.versionCode ?? 'unknown',
    isCloud: sys.isCloud ?? site.cloud,
    missingPermissions: missing,
  };
}
