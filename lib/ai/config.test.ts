// @vitest-environment node
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../db/schema';
import { saveSettings } from '../settings/store';
import { AI_SECRET_ID, chatEndpoint, getAiConfig, resolveEndpoint, saveAiConfig } from './config';

beforeEach(async () => {
  await db().settings.clear();
  await db().secrets.clear();
});

const base = { enabled: true, baseUrl: ' http://127.0.0.1:9/v1 ', model: 'm', redactPii: true };

describe('AI config', () => {
  it('keeps the key in the secrets table and shows pages only its last 4', async () => {
    const c = await saveAiConfig({ ...base, apiKey: 'sk-secret-1234' });
    expect(c).toEqual({
      enabled: true,
      baseUrl: 'http://127.0.0.1:9/v1',
      model: 'm',
      redactPii: true,
      hasKey: true,
      keyLast4: '1234',
      keyOrigin: 'http://127.0.0.1:9',
    });
    expect(JSON.stringify(c)).not.toContain('sk-secret');
    expect((await db().secrets.get(AI_SECRET_ID))?.privateKey).toBe('sk-secret-1234');
    // Saving without a key keeps it; clearKey removes it.
    expect((await saveAiConfig({ ...base, model: 'm2' })).hasKey).toBe(true);
    expect((await saveAiConfig({ ...base, clearKey: true })).hasKey).toBe(false);
  });

  it('refuses to turn on without endpoint and model, and refuses chat while off', async () => {
    await expect(saveAiConfig({ ...base, model: ' ' })).rejects.toThrow(/model/);
    await saveAiConfig({ ...base, enabled: false });
    await expect(chatEndpoint()).rejects.toMatchObject({ kind: 'aiNotConfigured' });
    expect((await getAiConfig()).enabled).toBe(false);
  });

  it('lets Test override unsaved fields while falling back to the saved key', async () => {
    await saveAiConfig({ ...base, apiKey: 'sk-saved' });
    expect(await resolveEndpoint({ model: 'other', apiKey: '' })).toEqual({
      baseUrl: 'http://127.0.0.1:9/v1',
      model: 'other',
      apiKey: 'sk-saved',
      redactPii: true,
    });
  });
});

describe('the AI key is bound to the origin of its endpoint (issue 10 §2)', () => {
  it('is never merged with an endpoint on another origin, Test included', async () => {
    await saveAiConfig({ ...base, apiKey: 'sk-saved' });
    const other = await resolveEndpoint({ baseUrl: 'http://127.0.0.1:10/v1' });
    expect(other.apiKey).toBeUndefined();
    expect(other.keyWithheldFrom).toBe('http://127.0.0.1:10');
    // Same origin, another path: still the key's endpoint.
    expect((await resolveEndpoint({ baseUrl: 'http://127.0.0.1:9/other/v1' })).apiKey).toBe('sk-saved');
    // A key typed for the test goes to that endpoint.
    expect((await resolveEndpoint({ baseUrl: 'http://127.0.0.1:10/v1', apiKey: 'sk-new' })).apiKey).toBe(
      'sk-new',
    );
  });

  it('saving an endpoint on another origin without a new key removes the old key', async () => {
    await saveAiConfig({ ...base, apiKey: 'sk-saved' });
    const moved = await saveAiConfig({ ...base, baseUrl: 'https://ai.example.com/v1' });
    expect(moved.hasKey).toBe(false);
    expect(await db().secrets.get(AI_SECRET_ID)).toBeUndefined();
    // A new key is stored with its endpoint's origin.
    const c = await saveAiConfig({ ...base, baseUrl: 'https://ai.example.com/v1', apiKey: 'sk-ai-example' });
    expect(c).toMatchObject({ hasKey: true, keyOrigin: 'https://ai.example.com' });
    expect((await db().secrets.get(AI_SECRET_ID))?.origin).toBe('https://ai.example.com');
  });

  it('a key saved before keys had an origin belongs to the endpoint saved with it', async () => {
    await saveAiConfig({ ...base });
    await db().secrets.put({ id: AI_SECRET_ID, privateKey: 'sk-legacy' });
    expect((await getAiConfig()).keyOrigin).toBe('http://127.0.0.1:9');
    expect((await chatEndpoint()).apiKey).toBe('sk-legacy');
    expect((await resolveEndpoint({ baseUrl: 'https://elsewhere.example/v1' })).apiKey).toBeUndefined();
  });

  it('a chat never sends the key when the saved endpoint was changed behind its back', async () => {
    await saveAiConfig({ ...base, apiKey: 'sk-saved' });
    // e.g. an older team import that wrote settings directly
    await saveSettings({ ai: { ...base, baseUrl: 'http://127.0.0.1:10/v1' } });
    expect((await chatEndpoint()).apiKey).toBeUndefined();
  });

  it('plain http only on loopback', async () => {
    await expect(saveAiConfig({ ...base, baseUrl: 'http://ai.example.com/v1' })).rejects.toThrow(/https/);
    await expect(saveAiConfig({ ...base, baseUrl: 'http://10.0.0.5:11434/v1' })).rejects.toThrow(/https/);
    await expect(resolveEndpoint({ baseUrl: 'http://ai.example.com/v1', apiKey: 'k' })).rejects.toMatchObject(
      { kind: 'aiNotConfigured' },
    );
    expect((await saveAiConfig({ ...base, baseUrl: 'http://localhost:11434/v1' })).baseUrl).toBe(
      'http://localhost:11434/v1',
    );
  });
});
