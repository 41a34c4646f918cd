import { useEffect, useRef, useState } from 'preact/hooks';
import { Button } from '@/components/ui/Button';
import { Field, helpId } from '@/components/ui/Field';
import { showToast } from '@/components/ui/Toast';
import { aiHostPermission } from '@/lib/ai/endpoint';
import { askFromOptions } from '@/lib/messages/client';
import type { Technician } from '@/lib/messages/options-to-bg';
import type { TeamPreview } from '@/lib/team/service';
import { errorText } from './api';
import { download } from './history/download';
import { hostPermissionFor, requestOrigins } from './permissions';
import { connection } from './store';

/**
 * What the file would do, shown after it was decrypted and verified and before anything is applied:
 * the CW site it connects to and, when it would change them, the AI assistant settings (opt-in).
 */
function ImportPreview({
  preview,
  applyAi,
  onApplyAi,
}: {
  preview: TeamPreview;
  applyAi: boolean;
  onApplyAi: (v: boolean) => void;
}) {
  const { ai } = preview;
  return (
    <section class="fp-banner fp-banner--info" aria-label="Team setup to import">
      <p>
        This file connects to the ConnectWise site <strong>{preview.site}</strong> (company{' '}
        <strong>{preview.companyId}</strong>, “{preview.displayName}”) with {preview.technicians}{' '}
        technician(s).
      </p>
      <p>
        AI endpoint in the file: <strong>{ai.file.baseUrl || 'none'}</strong>
        {ai.file.baseUrl
          ? ` (assistant ${ai.file.enabled ? 'on' : 'off'}, redaction ${ai.file.redactPii ? 'on' : 'off'})`
          : ''}
        .
      </p>
      {ai.refused ? (
        <p>The file’s AI settings will not be applied: {ai.refused}</p>
      ) : ai.changes.length ? (
        <>
          <ul>
            {ai.changes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
          <div class="fp-check">
            <input
              id="team-apply-ai"
              type="checkbox"
              checked={applyAi}
              onChange={(e) => onApplyAi(e.currentTarget.checked)}
            />
            <label for="team-apply-ai">Also apply the file’s AI assistant settings</label>
          </div>
          <p class="fp-help">Left unticked, this browser keeps its own AI settings and key.</p>
        </>
      ) : (
        <p>The AI assistant settings are the same as in this browser.</p>
      )}
    </section>
  );
}

export function TeamSetup() {
  const conn = connection.value;
  const [exportPass, setExportPass] = useState('');
  const [importPass, setImportPass] = useState('');
  const [fileText, setFileText] = useState<string | undefined>();
  const [preview, setPreview] = useState<TeamPreview | undefined>();
  const [applyAi, setApplyAi] = useState(false);
  const [busy, setBusy] = useState<'export' | 'import' | 'apply' | 'who' | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [roster, setRoster] = useState<Technician[] | undefined>();
  const [me, setMe] = useState('');
  const whoRef = useRef<HTMLSelectElement>(null);
  // "Who are you?" appears below the fold after an import: bring it into view and put focus on it.
  useEffect(() => {
    if (!roster) return;
    whoRef.current?.scrollIntoView({ block: 'center' });
    whoRef.current?.focus();
  }, [roster]);

  const onExport = async (e: Event) => {
    e.preventDefault();
    setError(undefined);
    setBusy('export');
    try {
      const r = await askFromOptions('team/export', { passphrase: exportPass });
      download(r.fileName, 'application/json', r.text);
      setExportPass('');
      showToast(`Team setup exported (${r.technicians} technicians)`);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(undefined);
    }
  };

  // Step 1: the background decrypts and verifies the file; nothing is applied or asked for yet.
  const onImport = async (e: Event) => {
    e.preventDefault();
    setError(undefined);
    setPreview(undefined);
    if (!fileText) {
      setError('Choose the team setup file first.');
      return;
    }
    setBusy('import');
    try {
      setPreview(await askFromOptions('team/preview', { text: fileText, passphrase: importPass }));
      setApplyAi(false);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(undefined);
    }
  };

  // Step 2: host access for what the verified file names (first await of the click), then apply.
  const onApply = async () => {
    if (!preview || !fileText) return;
    setError(undefined);
    const aiPattern = applyAi && !preview.ai.refused ? aiHostPermission(preview.ai.file.baseUrl) : undefined;
    const cwPattern = hostPermissionFor(preview.site);
    if (!(await requestOrigins([cwPattern, aiPattern]))) {
      setError(
        `FlowPilot needs access to ${[cwPattern, aiPattern].filter(Boolean).join(' and ')} to apply this setup. Press Apply team setup again and choose Allow.`,
      );
      return;
    }
    setBusy('apply');
    try {
      const r = await askFromOptions('team/import', { text: fileText, passphrase: importPass, applyAi });
      connection.value = r.connection;
      setRoster(r.technicians);
      setPreview(undefined);
      setImportPass('');
      setMe('');
      showToast(`Team setup imported: connected to ${r.connection.displayName}`);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(undefined);
    }
  };

  const onWho = async (e: Event) => {
    e.preventDefault();
    setBusy('who');
    try {
      await askFromOptions('mapping/signedIn', { technicianId: me || null });
      const name = roster?.find((t) => t.id === me)?.name;
      showToast(name ? `Signed in as ${name}` : 'No technician chosen: posts go out as the API member');
      setRoster(undefined);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <section class="fp-card" aria-labelledby="team-title">
      <h2 id="team-title">Team setup</h2>
      <p class="fp-help">
        Share this setup with your technicians: the file holds the connection, the roster with its member
        mappings and the FlowPilot settings. The API keys inside are encrypted with a passphrase you choose
        (PBKDF2 + AES-GCM); tell it to your technicians separately.
      </p>
      {error && (
        <p class="fp-banner fp-banner--error" role="alert">
          {error}
        </p>
      )}
      {conn?.psa === 'autotask' && (
        <p class="fp-help">
          Team setup files carry ConnectWise connections only so far: with Autotask, connect each browser on
          this tab.
        </p>
      )}
      {conn && conn.psa !== 'autotask' && (
        <form class="fp-row" onSubmit={onExport} aria-label="Export team setup">
          <Field id="team-export-pass" label="Export passphrase" help="At least 8 characters.">
            <input
              id="team-export-pass"
              type="password"
              autocomplete="new-password"
              value={exportPass}
              onInput={(e) => setExportPass(e.currentTarget.value)}
              aria-describedby={helpId('team-export-pass')}
            />
          </Field>
          <Button type="submit" busy={busy === 'export'} disabled={!!busy}>
            Export team setup
          </Button>
        </form>
      )}
      <form class="fp-row" onSubmit={onImport} aria-label="Import team setup">
        <Field id="team-file" label="Team setup file" help="The .json file your admin exported.">
          <input
            id="team-file"
            type="file"
            accept=".json,application/json"
            aria-describedby={helpId('team-file')}
            onChange={async (e) => {
              const f = e.currentTarget.files?.[0];
              setPreview(undefined);
              setFileText(f ? await f.text() : undefined);
            }}
          />
        </Field>
        <Field
          id="team-import-pass"
          label="Import passphrase"
          help="The passphrase the admin chose when exporting."
        >
          <input
            id="team-import-pass"
            type="password"
            autocomplete="off"
            value={importPass}
            onInput={(e) => {
              setImportPass(e.currentTarget.value);
              setPreview(undefined);
            }}
            aria-describedby={helpId('team-import-pass')}
          />
        </Field>
        <Button type="submit" busy={busy === 'import'} disabled={!!busy}>
          Import team setup
        </Button>
      </form>
      {preview && (
        <>
          <ImportPreview preview={preview} applyAi={applyAi} onApplyAi={setApplyAi} />
          <div class="fp-actions">
            <Button
              variant="primary"
              busy={busy === 'apply'}
              disabled={!!busy}
              onClick={() => void onApply()}
            >
              Apply team setup
            </Button>
            <Button disabled={!!busy} onClick={() => setPreview(undefined)}>
              Cancel import
            </Button>
          </div>
        </>
      )}
      {roster && (
        <form class="fp-row" onSubmit={onWho} aria-label="Choose who you are">
          <Field
            id="team-who"
            label="Who are you?"
            help="Your posts are attributed to your ConnectWise member."
          >
            <select
              id="team-who"
              ref={whoRef}
              value={me}
              onChange={(e) => setMe(e.currentTarget.value)}
              aria-describedby={helpId('team-who')}
            >
              <option value="">Choose your name…</option>
              {roster.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name} ({t.email})
                </option>
              ))}
            </select>
          </Field>
          <Button type="submit" variant="primary" busy={busy === 'who'} disabled={!!busy || !me}>
            That’s me
          </Button>
        </form>
      )}
    </section>
  );
}
