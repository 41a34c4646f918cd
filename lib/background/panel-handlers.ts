import { browser } from 'wxt/browser';
import { getConnection } from '../connection/service';
import type { Handlers } from '../messages/router';

/** Handlers for messages from the content-script panel. */
export const panelHandlers: Handlers<'panelToBg'> = {
  'panel/status': async () => {
    const conn = await getConnection();
    return conn ? { connected: true, displayName: conn.displayName, site: conn.site } : { connected: false };
  },
  'panel/openOptions': async () => {
    await browser.runtime.openOptionsPage();
    return { opened: true };
  },
};
