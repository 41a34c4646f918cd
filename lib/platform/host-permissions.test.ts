import { describe, expect, it } from 'vitest';
import { unneededOrigins } from './host-permissions';

describe('unneededOrigins', () => {
  const required = ['https://*.myconnectwise.net/*', 'https://*.connectwisedev.com/*'];
  it('gives back the hosts FlowPilot asked for and no longer uses', () => {
    const granted = [
      ...required,
      'https://old-cw.example.com/*',
      'https://cw.example.com/*',
      'https://ai.example.com/*',
    ];
    expect(unneededOrigins(granted, required, ['https://cw.example.com/*', undefined])).toEqual([
      'https://old-cw.example.com/*',
      'https://ai.example.com/*',
    ]);
  });
  it('never touches required or wildcard grants the user made', () => {
    expect(
      unneededOrigins([...required, 'https://*/*', '<all_urls>', 'http://localhost/*'], required, []),
    ).toEqual(['http://localhost/*']);
  });
  it('gives back Autotask’s cloud hosts once the connection is not Autotask, keeps them while it is', () => {
    const granted = [...required, 'https://*.autotask.net/*'];
    expect(unneededOrigins(granted, required, [])).toEqual(['https://*.autotask.net/*']);
    expect(unneededOrigins(granted, required, ['https://*.autotask.net/*'])).toEqual([]);
  });
});
