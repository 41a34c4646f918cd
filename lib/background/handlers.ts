import { browser } from 'wxt/browser';
import { connect, disconnect, getConnection, testConnection } from '../connection/service';
import type { BgToPages } from '../messages/bg-to-pages';
import type { RouterDeps } from '../messages/router';
import { registerOnPremContentScript } from '../platform/content-scripts';

/** Tell open pages and panels that something changed; nobody listening is fine. */
export async function broadcast(msg: Omit<BgToPages, 'dir'>): Promise<void> {
  const full = { dir: 'bgToPages', ...msg };
  await browser.runtime.sendMessage(full).catch(() => undefined);
  const tabs = await browser.tabs.query({}).catch(() => []);
  await Promise.all(
    tabs.map((t) =>
      t.id === undefined ? undefined : browser.tabs.sendMessage(t.id, full).catch(() => undefined),
    ),
  );
}

export const handlers: RouterDeps['handlers'] = {
  optionsToBg: {
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
  },
  panelToBg: {
    'panel/status': async () => {
      const conn = await getConnection();
      return conn
        ? { connected: true, displayName: conn.displayName, site: conn.site }
        : { connected: false };
    },
    'panel/openOptions': async () => {
      await browser.runtime.openOptionsPage();
      return { opened: true };
    },
  },
};
