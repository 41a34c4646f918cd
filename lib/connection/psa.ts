// The connector for whichever PSA is saved (lib/psa/types.ts): the one place that turns the stored
// connection into a PsaConnector. Background only: it reads the secrets.

import { autotaskPostingWriter } from '../autotask/posting';
import { type AutotaskNoteSettings, AutotaskPsa } from '../autotask/psa';
import type { CwClient } from '../cw/client';
import { ConnectWisePsa } from '../cw/psa';
import { normalizeSite } from '../cw/site';
import { db } from '../db/schema';
import { AppError } from '../errors';
import type { PostingWriter } from '../posting/writer';
import type { PsaConnector } from '../psa/types';
import { getAutotaskNoteChoices } from '../settings/autotask-notes';
import { connectionScope, type Scope } from './scope';
import { connectedAutotaskClient, connectedClient, isAutotask, loadConnection } from './store';

export interface ConnectedPsa {
  connector: PsaConnector;
  scope: Scope;
}

export interface ConnectedPsaOptions {
  /** Autotask: the admin's note type / publish choices (FlowPilot settings). */
  autotaskNotes?: AutotaskNoteSettings;
}

export async function connectedPsa(opts: ConnectedPsaOptions = {}): Promise<ConnectedPsa> {
  const record = await db().connections.get('primary');
  if (isAutotask(record)) {
    const { client, record: rec } = await connectedAutotaskClient();
    const scope = connectionScope(rec);
    const notes = opts.autotaskNotes ?? (await getAutotaskNoteChoices(scope));
    return {
      connector: new AutotaskPsa({ client, ...(notes ? { noteSettings: notes } : {}) }),
      scope,
    };
  }
  const [{ client, record: rec }, conn] = await Promise.all([connectedClient(), loadConnection()]);
  const site = normalizeSite(`${rec.scheme}://${rec.site}`);
  if (!site.ok || !conn) throw new AppError('badSite', site.ok ? 'Not connected.' : site.message);
  return {
    connector: new ConnectWisePsa({ client, site: site.site, credentials: conn.creds }),
    scope: connectionScope(rec),
  };
}

/**
 * What the outbox posts through: the CW client for ConnectWise (the outbox wraps it in the CW writer,
 * byte-for-byte the requests it always sent), Autotask's writer for Autotask.
 */
export async function connectedWriter(opts: ConnectedPsaOptions = {}): Promise<CwClient | PostingWriter> {
  const record = await db().connections.get('primary');
  if (!isAutotask(record)) return (await connectedClient()).client;
  const { client, record: rec } = await connectedAutotaskClient();
  const scope = connectionScope(rec);
  // The admin's note choices for this tenant (FlowPilot tab); without them a note fails with what to do.
  const notes = opts.autotaskNotes ?? (await getAutotaskNoteChoices(scope));
  const psa = new AutotaskPsa({ client, ...(notes ? { noteSettings: notes } : {}) });
  return autotaskPostingWriter({ psa, client, scope });
}
