import { connectedClient } from '../connection/store';

export interface NamedOption {
  id: number;
  name: string;
}

interface CwNamed {
  id: number;
  name: string;
  inactiveFlag?: boolean;
}

/** The site's own work types and work roles (active ones), for the time-entry defaults. */
export async function fetchTimeEntryLists(): Promise<{ workTypes: NamedOption[]; workRoles: NamedOption[] }> {
  const { client } = await connectedClient();
  const query = { fields: ['id', 'name', 'inactiveFlag'], orderBy: 'name asc' };
  const [types, roles] = await Promise.all([
    client.listAll<CwNamed>('time/workTypes', query),
    client.listAll<CwNamed>('time/workRoles', query),
  ]);
  const keep = (l: CwNamed[]) => l.filter((x) => !x.inactiveFlag).map(({ id, name }) => ({ id, name }));
  return { workTypes: keep(types), workRoles: keep(roles) };
}
