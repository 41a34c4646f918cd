import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { keepManagedStorage, readManagedStorage } from './managed-storage';

describe('managed storage kept in the worker', () => {
  beforeEach(() => fakeBrowser.reset());

  it('reads once, hands out copies, and reads again after the browser says the policy changed', async () => {
    await fakeBrowser.storage.managed.set({ site: 'na.myconnectwise.net' });
    keepManagedStorage();
    const get = vi.spyOn(fakeBrowser.storage.managed, 'get');
    const first = await readManagedStorage();
    expect(first).toEqual({ site: 'na.myconnectwise.net' });
    first.site = 'changed by a caller';
    expect(await readManagedStorage()).toEqual({ site: 'na.myconnectwise.net' });
    expect(get).toHaveBeenCalledTimes(1);
    // A new policy: the browser fires storage.onChanged for "managed".
    await fakeBrowser.storage.managed.set({ site: 'eu.myconnectwise.net' });
    expect(await readManagedStorage()).toEqual({ site: 'eu.myconnectwise.net' });
    expect(get).toHaveBeenCalledTimes(2);
  });
});
