import { useState } from 'preact/hooks';
import { Button } from '@/components/ui/Button';
import { showToast } from '@/components/ui/Toast';
import { askFromOptions } from '@/lib/messages/client';
import { errorText } from '../api';
import { download } from '../history/download';

/** "Export policy template": this browser's setup as the JSON an admin deploys by policy (README). */
export function PolicyTemplate() {
  const [includeKeys, setIncludeKeys] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const onExport = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const r = await askFromOptions('policy/template', { includeKeys });
      download(r.fileName, 'application/json', r.text);
      showToast(includeKeys ? 'Policy template exported with the API keys' : 'Policy template exported');
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="fp-card" aria-labelledby="policy-template-title">
      <h2 id="policy-template-title">Deploy to your team by policy</h2>
      <p class="fp-help">
        Writes this browser’s connection, roster and settings as a policy file for Chrome, Edge (3rdparty →
        extensions) or Firefox (policies.json → 3rdparty → Extensions). Every setting is exported as an
        unlocked default: set <code>"locked": true</code> on the ones technicians must not change.
      </p>
      <div class="fp-check">
        <input
          id="policy-include-keys"
          type="checkbox"
          checked={includeKeys}
          onChange={(e) => setIncludeKeys(e.currentTarget.checked)}
        />
        <label for="policy-include-keys">
          Include keys (the API keys in plain text: keep the file private)
        </label>
      </div>
      {error && (
        <p class="fp-banner fp-banner--error" role="alert">
          {error}
        </p>
      )}
      <div class="fp-actions">
        <Button onClick={onExport} busy={busy}>
          Export policy template
        </Button>
      </div>
    </section>
  );
}
