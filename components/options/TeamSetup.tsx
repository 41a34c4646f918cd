import { useEffect, useRef, useState } from 'preact/hooks';
import { Button } from '@/components/ui/Button';
import { Field, helpId } from '@/components/ui/Field';
import { showToast } from '@/components/ui/Toast';
import { askFromOptions } from '@/lib/messages/client';
import type { Technician } from '@/lib/messages/options-to-bg';
import { errorText } from './api';
import { download } from './history/download';
import { permissionDenied, requestHostPermission } from './permissions';
import { connection } from './store';

/** The site inside a team file, read without decrypting, so the host permission can be asked first. */
function siteInFile(text: string): string {
  try {
    const site = (JSON.parse(text) as { connection?: { site?: unknown } })?.connection?.site;
    return typeof site === 'string' ? site : '';
  } catch {
    return '';
  }
}

export function TeamSetup() {
  const conn = connection.value;
  const [exportPass, setExportPass] = useState('');
  const [importPass, setImportPass] = useState('');
  const [fileText, setFileText] = useState<string | undefined>();
  const [busy, setBusy] = useState<'export' | 'import' | 'who' | undefined>();
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

  const onImport = async (e: Event) => {
    e.preventDefault();
    setError(undefined);
    if (!fileText) {
      setError('Choose the team setup file first.');
      return;
    }
    const perm = await requestHostPermission(siteInFile(fileText));
    if (perm.needed && !perm.granted) {
      setError(permissionDenied(perm.pattern));
      return;
    }
    setBusy('import');
    try {
      const r = await askFromOptions('team/import', { text: fileText, passphrase: importPass });
      connection.value = r.connection;
      setRoster(r.technicians);
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
      {conn && (
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
            onInput={(e) => setImportPass(e.currentTarget.value)}
            aria-describedby={helpId('team-import-pass')}
          />
        </Field>
        <Button type="submit" busy={busy === 'import'} disabled={!!busy}>
          Import team setup
        </Button>
      </form>
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
