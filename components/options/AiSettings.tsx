import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { Button } from '@/components/ui/Button';
import type { PublicAiConfig } from '@/lib/ai/config';
import { aiHostPermission, aiOrigin } from '@/lib/ai/endpoint';
import { askFromOptions, BgError } from '@/lib/messages/client';

// The "AI Assistant" section of the FlowPilot tab. It sits inside that tab's form, so it uses no
// <form> of its own and only type="button" buttons; it saves through its own messages.

const msg = (e: unknown) => (e instanceof BgError ? e.info.message : 'Something went wrong. Try again.');

/**
 * The worker's fetch to the endpoint is cross-origin, so it needs a host permission: an https host the
 * manifest doesn't cover, or a local model server (http://localhost, http://127.0.0.1: optional in
 * production builds, granted by the e2e build). Must be the first await of the click, while the user
 * activation is live; an already granted host resolves at once without a prompt.
 */
async function ensureHostPermission(baseUrl: string): Promise<string | undefined> {
  const pattern = aiHostPermission(baseUrl);
  if (!pattern) return undefined; // the background reports the bad URL
  const granted = await browser.permissions.request({ origins: [pattern] }).catch(() => false);
  const host = pattern.replace(/\/\*$/, '');
  return granted
    ? undefined
    : `FlowPilot needs access to ${host} to reach the AI endpoint. Try again and choose Allow.`;
}

export function AiSettings() {
  const [saved, setSaved] = useState<PublicAiConfig | undefined>();
  const [form, setForm] = useState({ enabled: false, baseUrl: '', model: '', redactPii: true });
  const [apiKey, setApiKey] = useState('');
  const [busy, setBusy] = useState<'save' | 'test' | undefined>();
  const [result, setResult] = useState<{ ok: boolean; text: string } | undefined>();
  // The saved key is only ever sent to its own origin; another endpoint needs its own key.
  const formOrigin = aiOrigin(form.baseUrl);
  const keyElsewhere = saved?.keyOrigin && formOrigin !== saved.keyOrigin ? saved.keyOrigin : undefined;

  useEffect(() => {
    askFromOptions('ai/config/get', {})
      .then((c) => {
        setSaved(c);
        setForm({ enabled: c.enabled, baseUrl: c.baseUrl, model: c.model, redactPii: c.redactPii });
      })
      .catch((e) => setResult({ ok: false, text: msg(e) }));
  }, []);

  const save = async () => {
    const denied = form.enabled ? await ensureHostPermission(form.baseUrl) : undefined;
    if (denied) return setResult({ ok: false, text: denied });
    setBusy('save');
    try {
      const c = await askFromOptions('ai/config/save', { ...form, ...(apiKey.trim() ? { apiKey } : {}) });
      setSaved(c);
      setApiKey('');
      setResult({ ok: true, text: 'AI settings saved.' });
    } catch (e) {
      setResult({ ok: false, text: msg(e) });
    } finally {
      setBusy(undefined);
    }
  };

  const test = async () => {
    const denied = await ensureHostPermission(form.baseUrl);
    if (denied) return setResult({ ok: false, text: denied });
    setBusy('test');
    try {
      const r = await askFromOptions('ai/test', {
        baseUrl: form.baseUrl,
        model: form.model,
        ...(apiKey.trim() ? { apiKey } : {}),
      });
      setResult({ ok: true, text: `The model ${r.model} answered${r.sample ? `: “${r.sample}”` : ''}.` });
    } catch (e) {
      setResult({ ok: false, text: msg(e) });
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <section class="fp-card" aria-labelledby="fp-ai-h">
      <h2 id="fp-ai-h">AI Assistant</h2>
      <p class="fp-help">
        Optional. Any OpenAI-compatible chat completions endpoint works: OpenAI (https://api.openai.com/v1),
        Azure OpenAI, or a local Ollama (http://localhost:11434/v1) or LM Studio (plain http:// only on this
        computer). The key stays in this browser’s FlowPilot background and is sent only to the endpoint it
        was saved with.
      </p>
      <div class="fp-check">
        <input
          id="fp-ai-enabled"
          type="checkbox"
          checked={form.enabled}
          onChange={(e) => setForm({ ...form, enabled: e.currentTarget.checked })}
        />
        <label for="fp-ai-enabled">AI Assistant</label>
      </div>
      <div class="fp-field">
        <label for="fp-ai-url">Endpoint base URL</label>
        <input
          id="fp-ai-url"
          type="text"
          placeholder="https://api.openai.com/v1"
          value={form.baseUrl}
          onInput={(e) => setForm({ ...form, baseUrl: e.currentTarget.value })}
        />
      </div>
      <div class="fp-field">
        <label for="fp-ai-model">Model</label>
        <input
          id="fp-ai-model"
          type="text"
          placeholder="gpt-4o-mini"
          value={form.model}
          onInput={(e) => setForm({ ...form, model: e.currentTarget.value })}
        />
      </div>
      <div class="fp-field">
        <label for="fp-ai-key">API key</label>
        <input
          id="fp-ai-key"
          type="password"
          autoComplete="off"
          placeholder={
            keyElsewhere
              ? 'Enter the key for this endpoint'
              : saved?.hasKey
                ? `Saved (ends in ${saved.keyLast4}); type to replace`
                : 'Not needed for most local servers'
          }
          aria-describedby={keyElsewhere ? 'fp-ai-key-help' : undefined}
          value={apiKey}
          onInput={(e) => setApiKey(e.currentTarget.value)}
        />
        {keyElsewhere && (
          <p class="fp-help" id="fp-ai-key-help">
            The saved key (ends in {saved?.keyLast4}) is only ever sent to {keyElsewhere}. Enter the key for
            this endpoint; saving this endpoint without one removes the old key.
          </p>
        )}
      </div>
      <div class="fp-check">
        <input
          id="fp-ai-redact"
          type="checkbox"
          checked={form.redactPii}
          onChange={(e) => setForm({ ...form, redactPii: e.currentTarget.checked })}
        />
        <label for="fp-ai-redact">Redact email addresses and phone numbers before sending</label>
      </div>
      <div class="fp-actions">
        <Button variant="primary" busy={busy === 'save'} disabled={!!busy} onClick={() => void save()}>
          Save AI settings
        </Button>
        <Button busy={busy === 'test'} disabled={!!busy} onClick={() => void test()}>
          Test
        </Button>
        {saved?.hasKey && (
          <button
            type="button"
            class="fp-btn fp-btn--link"
            disabled={!!busy}
            onClick={() =>
              void askFromOptions('ai/config/save', { ...form, clearKey: true })
                .then((c) => {
                  setSaved(c);
                  setResult({ ok: true, text: 'API key removed.' });
                })
                .catch((e) => setResult({ ok: false, text: msg(e) }))
            }
          >
            Remove API key
          </button>
        )}
      </div>
      {result && (
        <p role={result.ok ? 'status' : 'alert'} class={result.ok ? undefined : 'fp-error'}>
          {result.text}
        </p>
      )}
    </section>
  );
}
