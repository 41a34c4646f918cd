// @vitest-environment node
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../db/schema';
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
