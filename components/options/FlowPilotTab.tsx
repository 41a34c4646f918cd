import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Button } from '@/components/ui/Button';
import { Field, helpId } from '@/components/ui/Field';
import { SetByOrg } from '@/components/ui/SetByOrg';
import { showToast } from '@/components/ui/Toast';
import { askFromOptions } from '@/lib/messages/client';
import type { SettingsPatch } from '@/lib/messages/options-to-bg';
import { CHAT_CAP } from '@/lib/session/chat';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings/schema';
import { ROUNDING_LABELS, ROUNDING_MODES, type RoundingMode } from '@/lib/time/rounding';
import { AutotaskNoteSettings } from './AutotaskNoteSettings';
import { errorText } from './api';
import { AiPolicyNote } from './policy/AiPolicyNote';
import { isLocked } from './policy/state';
import { connection, leaveGuard, settingsVersion } from './store';

export const ROUNDING_HELP: Record<RoundingMode, string> = {
  '15': 'The active session time rounded up to the next 15 minutes (at least 15; exactly 15:00 stays 15).',
  '30': 'The active session time rounded up to the next 30 minutes (at least 30).',
  exact: 'The minutes actually worked (pauses excluded), at least 1.',
  none: 'The session’s real start and end times; ConnectWise applies its own rounding rules.',
};

const BILLABLE_LABELS: Record<Settings['billableOption'], string> = {
  Billable: 'Billable',
  DoNotBill: 'Do Not Bill',
  NoCharge: 'No Charge',
  NoDefault: 'No Default (CW decides)',
};

type Lists = { workTypes: { id: number; name: string }[]; workRoles: { id: number; name: string }[] };

interface Props {
  /** Extra sections (the AI assistant settings belong here, added by their own feature). */
  children?: ComponentChildren;
}

function Check({
  id,
  label,
  help,
  checked,
  onChange,
  managed,
}: {
  id: string;
  label: string;
  help: string;
  checked: boolean;
  onChange: (v: boolean) => void;
  /** Locked by the organization's policy: read-only, labelled so. */
  managed?: boolean;
}) {
  return (
    <div class="fp-check">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        disabled={managed}
        onChange={(e) => onChange(e.currentTarget.checked)}
        aria-describedby={helpId(id)}
      />
      <div>
        <label for={id}>{label}</label>
        <p class="fp-help" id={helpId(id)}>
          {managed && <SetByOrg />}
          {help}
        </p>
      </div>
    </div>
  );
}

/** The editable part of Settings this tab owns (the AI section and signed-in technician live elsewhere). */
function patchOf(s: Settings): SettingsPatch {
  return {
    autoPush: s.autoPush,
    autoTimeEntry: s.autoTimeEntry,
    timeRounding: s.timeRounding,
    noteVisibility: s.noteVisibility,
    includeDiagnosticSteps: s.includeDiagnosticSteps,
    promptStatusOnResolution: s.promptStatusOnResolution,
    promptStatusOnEscalation: s.promptStatusOnEscalation,
    workTypeId: s.workTypeId ?? null,
    workRoleId: s.workRoleId ?? null,
    billableOption: s.billableOption,
    minimumBillableMinutes: s.minimumBillableMinutes,
    idleAutoPauseMinutes: s.idleAutoPauseMinutes,
    keepAssistantChats: s.keepAssistantChats,
  };
}

export function FlowPilotTab({ children }: Props) {
  const connected = Boolean(connection.value);
  // Autotask has no CW work types/roles or CW billing options: those controls give way to its own.
  const autotask = connection.value?.psa === 'autotask';
  const psaName = autotask ? 'Autotask' : 'ConnectWise';
  const [saved, setSaved] = useState<Settings | undefined>();
  const [form, setForm] = useState<Settings | undefined>();
  const [lists, setLists] = useState<Lists | undefined>();
  const [listsError, setListsError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const dirty = Boolean(form && saved && JSON.stringify(patchOf(form)) !== JSON.stringify(patchOf(saved)));

  // Reload when settings change elsewhere, unless the admin is in the middle of editing.
  const version = settingsVersion.value;
  useEffect(() => {
    void askFromOptions('settings/get', {})
      .then((s) => {
        setSaved(s);
        setForm((f) => (f && saved && JSON.stringify(patchOf(f)) !== JSON.stringify(patchOf(saved)) ? f : s));
      })
      .catch((e) => setError(errorText(e)));
  }, [version]);

  useEffect(() => {
    if (!connected || autotask) return;
    setListsError(undefined);
    void askFromOptions('settings/cwLists', {})
      .then(setLists)
      .catch((e) => setListsError(errorText(e)));
  }, [connected, autotask]);

  useEffect(() => {
    leaveGuard.value = dirty ? { message: 'You changed FlowPilot settings without saving them.' } : undefined;
  }, [dirty]);
  useEffect(
    () => () => {
      leaveGuard.value = undefined;
    },
    [],
  );

  if (!form) return <p class="fp-muted">{error ?? 'Loading settings…'}</p>;
  const set = <K extends keyof Settings>(k: K, v: Settings[K]) => setForm({ ...form, [k]: v });

  const onSave = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const s = await askFromOptions('settings/save', patchOf(form));
      setSaved(s);
      setForm(s);
      showToast('Settings saved');
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const idSelect = (
    k: 'workTypeId' | 'workRoleId',
    label: string,
    items: { id: number; name: string }[] | undefined,
    help: string,
  ) => {
    const id = k === 'workTypeId' ? 'fp-work-type' : 'fp-work-role';
    const current = form[k];
    const known = items?.some((i) => i.id === current);
    return (
      <Field id={id} label={label} help={help} managed={isLocked(k)}>
        <select
          id={id}
          value={current === undefined ? '' : String(current)}
          disabled={!items || isLocked(k)}
          onChange={(e) => set(k, e.currentTarget.value ? Number(e.currentTarget.value) : undefined)}
          aria-describedby={helpId(id)}
        >
          <option value="">The member’s default in ConnectWise</option>
          {items?.map((i) => (
            <option key={i.id} value={String(i.id)}>
              {i.name}
            </option>
          ))}
          {current !== undefined && !known && (
            <option value={String(current)}>#{current} (not in the site’s current list)</option>
          )}
        </select>
      </Field>
    );
  };

  return (
    <form onSubmit={onSave} aria-label="FlowPilot settings">
      {error && (
        <p class="fp-banner fp-banner--error" role="alert">
          {error}
        </p>
      )}
      <section class="fp-card" aria-labelledby="fp-posting-title">
        <h2 id="fp-posting-title">Posting to tickets</h2>
        <Check
          id="fp-auto-push"
          label="Auto Push"
          checked={form.autoPush}
          onChange={(v) => set('autoPush', v)}
          managed={isLocked('autoPush')}
          help="Post the session documentation to the ticket automatically when a session is resolved or escalated. Off: the technician reviews and posts it."
        />
        <Check
          id="fp-auto-time"
          label="Auto Time Entry"
          checked={form.autoTimeEntry}
          onChange={(v) => set('autoTimeEntry', v)}
          managed={isLocked('autoTimeEntry')}
          help="Log a time entry from the session’s active duration with each post."
        />
        <Field
          id="fp-rounding"
          label="Time Rounding"
          help={
            autotask && form.timeRounding === 'none'
              ? 'The session’s real start and end times.'
              : ROUNDING_HELP[form.timeRounding]
          }
          managed={isLocked('timeRounding')}
        >
          <select
            id="fp-rounding"
            disabled={isLocked('timeRounding')}
            value={form.timeRounding}
            onChange={(e) => set('timeRounding', e.currentTarget.value as RoundingMode)}
            aria-describedby={helpId('fp-rounding')}
          >
            {ROUNDING_MODES.map((m) => (
              <option key={m} value={m}>
                {ROUNDING_LABELS[m]}
              </option>
            ))}
          </select>
        </Field>
        <Field
          id="fp-visibility"
          managed={isLocked('noteVisibility')}
          label="Note Visibility"
          help="Internal only: notes are internal analysis, never shown to the customer. Internal + external: resolution notes are also visible to the customer."
        >
          <select
            id="fp-visibility"
            disabled={isLocked('noteVisibility')}
            value={form.noteVisibility}
            onChange={(e) => set('noteVisibility', e.currentTarget.value as Settings['noteVisibility'])}
            aria-describedby={helpId('fp-visibility')}
          >
            <option value="internal">Internal only</option>
            <option value="internalExternal">Internal + external</option>
          </select>
        </Field>
        <Check
          id="fp-diag"
          label="Include Diagnostic Steps"
          checked={form.includeDiagnosticSteps}
          onChange={(v) => set('includeDiagnosticSteps', v)}
          managed={isLocked('includeDiagnosticSteps')}
          help="Add the diagnostic checks and their results to the posted note."
        />
        <Check
          id="fp-prompt-res"
          label="Prompt Status on Resolution"
          checked={form.promptStatusOnResolution}
          onChange={(v) => set('promptStatusOnResolution', v)}
          managed={isLocked('promptStatusOnResolution')}
          help={`When a session is resolved, ask which ${psaName} status to set.`}
        />
        <Check
          id="fp-prompt-esc"
          label="Prompt Status on Escalation"
          checked={form.promptStatusOnEscalation}
          onChange={(v) => set('promptStatusOnEscalation', v)}
          managed={isLocked('promptStatusOnEscalation')}
          help={`When a session is escalated, ask which ${psaName} status to set.`}
        />
      </section>

      <section class="fp-card" aria-labelledby="fp-time-title">
        <h2 id="fp-time-title">Time entry defaults</h2>
        {!connected && connection.value !== undefined && (
          <p class="fp-banner fp-banner--info">
            Connect to ConnectWise to choose from your site’s work types and roles.
          </p>
        )}
        {autotask && (
          <p class="fp-help">
            On Autotask, time is logged without a billing code and under a role the technician’s resource
            holds (see “Autotask notes and time” below).
          </p>
        )}
        {listsError && (
          <p class="fp-banner fp-banner--error" role="alert">
            Could not load work types and roles: {listsError}
          </p>
        )}
        {!autotask &&
          idSelect(
            'workTypeId',
            'Work Type',
            lists?.workTypes,
            'From your site’s work types (Time → Work Types in CW).',
          )}
        {!autotask && idSelect('workRoleId', 'Work Role', lists?.workRoles, 'From your site’s work roles.')}
        <Field
          id="fp-billable"
          label="Billable Option"
          help={
            autotask
              ? 'On Autotask: Do Not Bill and No Charge post the time as non-billable; Billable and No Default leave billing to Autotask’s role and contract rules.'
              : 'How posted time is billed.'
          }
          managed={isLocked('billableOption')}
        >
          <select
            id="fp-billable"
            disabled={isLocked('billableOption')}
            value={form.billableOption}
            onChange={(e) => set('billableOption', e.currentTarget.value as Settings['billableOption'])}
            aria-describedby={helpId('fp-billable')}
          >
            {Object.entries(BILLABLE_LABELS).map(([v, l]) => (
              <option key={v} value={v}>
                {autotask && v === 'NoDefault' ? 'No Default (Autotask decides)' : l}
              </option>
            ))}
          </select>
        </Field>
        <Field
          id="fp-min-billable"
          managed={isLocked('minimumBillableMinutes')}
          label="Minimum Billable Duration"
          help="In minutes (0–480). Shorter sessions are posted with this duration; 0 turns it off."
        >
          <input
            id="fp-min-billable"
            readOnly={isLocked('minimumBillableMinutes')}
            type="number"
            min={0}
            max={480}
            step={1}
            value={form.minimumBillableMinutes}
            onInput={(e) => {
              const n = Number(e.currentTarget.value);
              if (Number.isInteger(n) && n >= 0 && n <= 480) set('minimumBillableMinutes', n);
            }}
            aria-describedby={helpId('fp-min-billable')}
          />
        </Field>
      </section>

      <section class="fp-card" aria-labelledby="fp-session-title">
        <h2 id="fp-session-title">Sessions</h2>
        <Field
          id="fp-idle"
          label="Away after"
          managed={isLocked('idleAutoPauseMinutes')}
          help={`In minutes (1–240, default ${DEFAULT_SETTINGS.idleAutoPauseMinutes}). No keyboard or mouse use anywhere on this computer (or a locked screen) for this long is away time: the session's clock stops from when the computer went idle, and back at it the technician is asked whether to keep that time. Unanswered, it is not counted.`}
        >
          <input
            id="fp-idle"
            type="number"
            min={1}
            max={240}
            step={1}
            value={form.idleAutoPauseMinutes}
            disabled={isLocked('idleAutoPauseMinutes')}
            onInput={(e) => {
              const n = Number(e.currentTarget.value);
              if (Number.isInteger(n) && n >= 1 && n <= 240) set('idleAutoPauseMinutes', n);
            }}
            aria-describedby={helpId('fp-idle')}
          />
        </Field>
        <Check
          id="fp-keep-chats"
          label="Keep assistant conversations"
          checked={form.keepAssistantChats}
          onChange={(v) => set('keepAssistantChats', v)}
          managed={isLocked('keepAssistantChats')}
          help={`Save each session's assistant conversation with the session (the last ${CHAT_CAP} messages), so it is there again after a reload or a browser restart. Off: a conversation lives only in the open panel, and saved ones are deleted. Conversations never go into the Activity log.`}
        />
      </section>

      {autotask && <AutotaskNoteSettings />}

      {/* Slot for sections other features own (the AI assistant settings go here). */}
      <AiPolicyNote />
      {children}

      <div class="fp-actions">
        {/* Named for what it saves: the AI section above has its own "Save AI settings". */}
        <Button type="submit" variant="primary" busy={busy} disabled={busy}>
          Save FlowPilot settings
        </Button>
        {dirty && <span class="fp-flag">Unsaved changes</span>}
      </div>
    </form>
  );
}
