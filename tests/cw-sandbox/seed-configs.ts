// Configurations (devices) of each customer company.
import { cwDate, DAY } from './dates.ts';
import type { Rng } from './prng.ts';
import { SEED_NOW } from './seed-constants.ts';
import { COMPANY_ROWS, CONFIG_KINDS, MANUFACTURERS } from './seed-data.ts';
import type { Company, Configuration, Contact } from './types.ts';

const HEX = '0123456789ABCDEF';
const ALNUM = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';

function chars(rng: Rng, alphabet: string, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[rng.int(0, alphabet.length - 1)];
  return s;
}

function mac(rng: Rng): string {
  return Array.from({ length: 6 }, () => chars(rng, HEX, 2)).join(':');
}

/** 6-10 devices per company; Contoso's first two (700 laptop, 701 server) belong to the standard ticket. */
export function seedConfigurations(rng: Rng, companies: Company[], contacts: Contact[]): Configuration[] {
  const configs: Configuration[] = [];
  let id = 700;
  companies.forEach((company, ci) => {
    const prefix = COMPANY_ROWS[ci]?.prefix ?? company.identifier.toUpperCase();
    const people = contacts.filter((c) => c.company.id === company.id);
    const count = rng.int(6, 10);
    const counters: Record<string, number> = {};
    for (let k = 0; k < count; k++) {
      // Fixed first two kinds so every company has a laptop and a server.
      const kind = k === 0 ? CONFIG_KINDS[1] : k === 1 ? CONFIG_KINDS[2] : rng.pick(CONFIG_KINDS);
      counters[kind.code] = (counters[kind.code] ?? 0) + 1;
      const n = String(counters[kind.code]).padStart(kind.code === 'SRV' ? 2 : 3, '0');
      const name = kind.code === 'SRV' ? `${prefix}-FS${n}` : `${prefix}-${kind.code}-${n}`;
      const model = rng.pick(kind.models);
      const user = kind.code === 'WS' || kind.code === 'LT' ? rng.pick(people) : undefined;
      const installed = SEED_NOW - rng.int(60, 1400) * DAY;
      configs.push({
        id,
        name,
        type: kind.type,
        status: { id: 1, name: 'Active' },
        company: { id: company.id, identifier: company.identifier, name: company.name },
        contact: user ? { id: user.id, name: `${user.firstName} ${user.lastName}` } : undefined,
        site: company.site,
        deviceIdentifier: name,
        serialNumber: chars(rng, ALNUM, 7),
        modelNumber: model,
        manufacturer: MANUFACTURERS[model] ?? { id: 99, name: 'Generic' },
        macAddress: mac(rng),
        ipAddress: `10.${ci + 10}.${rng.int(0, 3)}.${rng.int(10, 250)}`,
        defaultGateway: `10.${ci + 10}.0.1`,
        osType: kind.os,
        osInfo: kind.os
          ? kind.code === 'SRV'
            ? '10.0.20348 Build 20348'
            : '10.0.22631 Build 22631'
          : undefined,
        cpuSpeed: kind.os ? `${rng.pick(['2.4', '3.0', '3.6'])} GHz` : undefined,
        ram: kind.os ? `${rng.pick([8, 16, 32, 64])} GB` : undefined,
        lastLoginName: user
          ? `${prefix}\\${user.firstName[0]?.toLowerCase()}${user.lastName.toLowerCase()}`
          : undefined,
        installationDate: cwDate(installed),
        warrantyExpirationDate: cwDate(installed + 3 * 365 * DAY),
        activeFlag: true,
        billFlag: false,
        questions: [],
        _info: { lastUpdated: cwDate(SEED_NOW - rng.int(1, 30) * DAY), updatedBy: 'Automate' },
      });
      id++;
    }
  });
  return configs;
}
