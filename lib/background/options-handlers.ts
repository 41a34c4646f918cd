import { connect, disconnect, getConnection, testConnection } from '../connection/service';
import type { Handlers } from '../messages/router';
import { registerOnPremContentScript } from '../platform/content-scripts';
import { broadcast } from './broadcast';

/** Handlers for messages from the options page. */
export const optionsHandlers: Handlers<'optionsToBg'> = {
  'connection/get': () => getConnection(),
  'connection/connect': async (input) => {
    const conn = await connect(input);
    await registerOnPremContentScript(conn.grantedOrigin).catch(() => undefined);
    await broadcast({ type: 'connection/changed' });
    return conn;
  },
  'connection/test': () => testConnection(),
  'connection/disconnect': async () => {
    const r = await disconnect();
    await registerOnPremContentScript(undefined).catch(() => undefined);
    await broadcast({ type: 'connection/changed' });
    return r;
  },
};
