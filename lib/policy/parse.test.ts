import { describe, expect, it } from 'vitest';
import { hasFullConnection, isEndpointAllowed, isManaged, parsePolicy } from './parse';

describe('parsePolicy', () => {
  it('reads connection, roster, settings and the AI allow-list', () => {
    const { policy, problems } = parsePolicy({
      site: 'https://NA.myconnectwise.net/v4_6_release/',
      companyId: 'acme',
      publicKey: 'pub',
      privateKey: 'priv',
      technicians: [{ name: 'Ann Lee', email: 'ann@acme.com' }],
      settings: { noteVisibility: { default: 'internal', locked: true }, autoPush: { default: true } },
      aiAllowedEndpoints: ['https://api.openai.com/v1'],
    });
    expect(problems).toEqual([]);
    expect(hasFullConnection(policy)).toBe(true);
    expect(policy.technicians).toEqual([{ name: 'Ann Lee', email: 'ann@acme.com' }]);
    expect(policy.settings).toEqual({
      noteVisibility: { value: 'internal', locked: true },
      autoPush: { value: true, locked: false },
    });
    expect(policy.aiAllowedEndpoints).toEqual(['https://api.openai.com/v1']);
  });

  it('an empty policy manages nothing', () => {
    const { policy, problems } = parsePolicy({});
    expect(problems).toEqual([]);
    expect(isManaged(policy)).toBe(false);
    expect(hasFullConnection(policy)).toBe(false);
  });

  it('drops bad values and names each one by its policy key', () => {
    const { policy, problems } = parsePolicy({
      site: 'not a host',
      companyId: 42,
      technicians: [
        { name: 'Ann', email: 'ann@acme.com' },
        { name: 'Bob', email: 'bob-at-acme' },
        { name: 'Ann 2', email: 'ANN@acme.com' },
        { email: 'x@acme.com' },
      ],
      settings: {
        noteVisibility: { default: 'public', locked: true },
        minimumBillableMinutes: { default: 999 },
        autoPush: { default: true, locked: 'yes' },
        colour: { default: 'blue' },
      },
      aiAllowedEndpoints: ['ftp://x', 'https://ok.example/v1'],
      sitee: 'typo',
    });
    const byKey = Object.fromEntries(problems.map((p) => [p.key, p.message]));
    expect(Object.keys(byKey).sort()).toEqual(
      [
        'site',
        'companyId',
        'technicians[1].email',
        'technicians[2].email',
        'technicians[3].name',
        'settings.noteVisibility.default',
        'settings.minimumBillableMinutes.default',
        'settings.autoPush.locked',
        'settings.colour',
        'aiAllowedEndpoints[0]',
        'sitee',
      ].sort(),
    );
    expect(byKey['settings.noteVisibility.default']).toContain('use one of internal, internalExternal');
    expect(byKey['technicians[2].email']).toContain('technicians[0]');
    expect(byKey.site).toContain('spaces');
    expect(policy.connection).toEqual({});
    expect(policy.settings).toEqual({});
    expect(policy.technicians).toEqual([{ name: 'Ann', email: 'ann@acme.com' }]);
    expect(policy.aiAllowedEndpoints).toEqual(['https://ok.example/v1']);
  });
});

describe('isEndpointAllowed', () => {
  it('allows listed endpoints and paths below them, nothing else', () => {
    const list = ['https://api.openai.com/v1', 'http://localhost:11434/v1/'];
    expect(isEndpointAllowed('https://api.openai.com/v1', list)).toBe(true);
    expect(isEndpointAllowed('https://API.openai.com/v1/', list)).toBe(true);
    expect(isEndpointAllowed('https://api.openai.com/v1/deployments/x', list)).toBe(true);
    expect(isEndpointAllowed('https://api.openai.com/v10', list)).toBe(false);
    expect(isEndpointAllowed('https://evil.example/v1', list)).toBe(false);
    expect(isEndpointAllowed('http://localhost:11434/v1', list)).toBe(true);
    expect(isEndpointAllowed('not a url', list)).toBe(false);
    expect(isEndpointAllowed('https://anything.example', undefined)).toBe(true);
    expect(isEndpointAllowed('https://api.openai.com/v1', [])).toBe(false);
  });
});
