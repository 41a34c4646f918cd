import { useEffect, useState } from 'preact/hooks';
import { Button } from '@/components/ui/Button';
import { Field, helpId } from '@/components/ui/Field';
import { showToast } from '@/components/ui/Toast';
import { askFromOptions } from '@/lib/messages/client';
import type { AutotaskNoteChoices } from '@/lib/settings/autotask-notes';
import { errorText } from './api';
import { settingsVersion } from './store';

// The FlowPilot tab's Autotask part (issue 15): which of the tenant's note types each FlowPilot note
// kind is written as and which publish value internal and customer-facing notes get (labels are the
// tenant's own, read from Autotask: nothing here names one), and the role time entries are logged
// under (FlowPilot picks it; shown, not chosen).

type Option = { id: number; name: string };
type Kind = keyof AutotaskNoteChoices['noteTypeByKind'];

const KINDS: [Kind, string][] = [
  ['internalAnalysis', 'Internal Analysis'],
  ['resolution', 'Resolution'],
  ['description', 'Description'],
];

type Draft = {
  noteTypeByKind: Partial<Record<Kind, number>>;
  internalPublish?: number;
  customerPublish?: number;
};

function complete(d: Draft): AutotaskNoteChoices | undefined {
  const k = d.noteTypeByKind;
  if (!k.internalAnalysis || !k.resolution || !k.description || !d.internalPublish || !d.customerPublish)
    return undefined;
  return {
    noteTypeByKind: {
      internalAnalysis: k.internalAnalysis,
      resolution: k.resolution,
      description: k.description,
    },
    internalPublish: d.internalPublish,
    customerPublish: d.customerPublish,
  };
}

type RoleInfo = Awaited<ReturnType<typeof askFromOptions<'settings/autotaskRole'>>>;

export function roleText(r: RoleInfo): string {
  switch (r.source) {
    case 'nobody':
      return 'No signed-in technician in this browser (Member Mapping tab): time cannot be logged until one is chosen and mapped.';
    case 'unmapped':
      return `${r.technician} is not mapped to an Autotask resource yet (Member Mapping tab).`;
    case 'none':
      return `${r.resource ?? r.technician} holds no active role in Autotask; Autotask needs one for ticket time.`;
    default: {
      const why =
        r.source === 'default'
          ? 'the resource’s default service-desk role'
          : r.source === 'first'
            ? 'the first active role the resource holds (it has no default service-desk role)'
            : 'the role chosen in the settings';
      return `${r.technician}’s time is logged as ${r.role?.name} (${why}).`;
    }
  }
}

export function AutotaskNoteSettings() {
  const [types, setTypes] = useState<Option[] | undefined>();
  const [publish, setPublish] = useState<Option[]>([]);
  const [saved, setSaved] = useState<AutotaskNoteChoices | undefined>();
  const [draft, setDraft] = useState<Draft>({ noteTypeByKind: {} });
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [role, setRole] = useState<RoleInfo | undefined>();
  const [roleError, setRoleError] = useState<string | undefined>();
  const version = settingsVersion.value;

  useEffect(() => {
    setError(undefined);
    void askFromOptions('settings/autotaskNotes', {})
      .then((r) => {
        setTypes(r.types);
        setPublish(r.visibilities);
        setSaved(r.choices);
        setDraft(r.choices ?? { noteTypeByKind: {} });
      })
      .catch((e) => setError(errorText(e)));
  }, []);
  useEffect(() => {
    void askFromOptions('settings/autotaskRole', {})
      .then((r) => {
        setRole(r);
        setRoleError(undefined);
      })
      .catch((e) => setRoleError(errorText(e)));
  }, [version]);

  const choices = complete(draft);
  const dirty = JSON.stringify(choices ?? draft) !== JSON.stringify(saved);

  const onSave = async () => {
    if (!choices) {
      setError('Choose a note type for each kind of note and both publish values.');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      setSaved(await askFromOptions('settings/autotaskNotesSave', choices));
      showToast('Autotask note settings saved');
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const select = (
    id: string,
    label: string,
    help: string,
    value: number | undefined,
    items: Option[] | undefined,
    onPick: (v: number | undefined) => void,
  ) => {
    const known = items?.some((i) => i.id === value);
    return (
      <Field id={id} label={label} help={help}>
        <select
          id={id}
          value={value === undefined ? '' : String(value)}
          disabled={!items}
          onChange={(e) => onPick(e.currentTarget.value ? Number(e.currentTarget.value) : undefined)}
          aria-describedby={helpId(id)}
        >
          <option value="">Choose…</option>
          {items?.map((i) => (
            <option key={i.id} value={String(i.id)}>
              {i.name}
            </option>
          ))}
          {value !== undefined && items && !known && (
            <option value={String(value)}>#{value} (no longer active in Autotask)</option>
          )}
        </select>
      </Field>
    );
  };

  return (
    <section class="fp-card" aria-labelledby="fp-at-notes-title">
      <h2 id="fp-at-notes-title">Autotask notes and time</h2>
      <p class="fp-help">
        The note types and publish values are your Autotask’s own (Admin → Features & Settings → Service
        Desk). Notes cannot be posted until these are chosen.
      </p>
      {!saved && types && (
        <p class="fp-banner fp-banner--info">
          Not chosen yet: choose them and press Save Autotask note settings.
        </p>
      )}
      {KINDS.map(([k, label]) =>
        select(
          `fp-at-type-${k}`,
          `Note type for ${label} notes`,
          `The Autotask note type FlowPilot’s ${label} notes are written as.`,
          draft.noteTypeByKind[k],
          types,
          (v) => setDraft({ ...draft, noteTypeByKind: { ...draft.noteTypeByKind, [k]: v } }),
        ),
      )}
      {select(
        'fp-at-publish-internal',
        'Publish value for internal notes',
        'Used for every note under Note Visibility “Internal only”, and for the technician’s note under “Internal + external”. Choose your internal value (e.g. internal users only).',
        draft.internalPublish,
        types && publish,
        (v) => setDraft({ ...draft, internalPublish: v }),
      )}
      {select(
        'fp-at-publish-customer',
        'Publish value for customer-facing notes',
        'Used for the note the customer may see under Note Visibility “Internal + external”.',
        draft.customerPublish,
        types && publish,
        (v) => setDraft({ ...draft, customerPublish: v }),
      )}
      {error && (
        <p class="fp-banner fp-banner--error" role="alert">
          {error}
        </p>
      )}
      <div class="fp-actions">
        <Button variant="primary" busy={busy} disabled={busy || !types} onClick={onSave}>
          Save Autotask note settings
        </Button>
        {dirty && saved && <span class="fp-flag">Unsaved changes</span>}
      </div>
      <h3>Time entry role</h3>
      <p class="fp-help">
        Autotask logs ticket time under a role the resource holds. FlowPilot picks it for each technician: the
        resource’s default service-desk role, else the first active role it holds.
      </p>
      {role && <p data-testid="at-role">{roleText(role)}</p>}
      {roleError && (
        <p class="fp-banner fp-banner--error" role="alert">
          Could not read the roles: {roleError}
        </p>
      )}
    </section>
  );
}
