// A CW sandbox for one unit-test file, with the worker's connection saved to it before the first test
// (fake-indexeddb; the same connect() the options page's Connect runs). Closed after the last test.
import { afterAll, beforeAll } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { connect } from '../../lib/connection/service';
import { type Sandbox, startSandbox } from '../cw-sandbox/index';

/** Registers the file's beforeAll/afterAll; `sandbox()` is the running sandbox inside tests. */
export function useConnectedSandbox(): () => Sandbox {
  let sandbox: Sandbox | undefined;
  beforeAll(async () => {
    fakeBrowser.reset();
    sandbox = await startSandbox({ port: 0 });
    await connect({ displayName: 'S', site: sandbox.site, companyId: sandbox.companyId, ...sandbox.keys });
  });
  afterAll(() => sandbox?.close());
  return () => {
    if (!sandbox) throw new Error('The sandbox starts in beforeAll.');
    return sandbox;
  };
}
