import { useEffect, useMemo, useState } from 'preact/hooks';
import { Button } from '@/components/ui/Button';
import { Combobox, type ComboOption } from '@/components/ui/Combobox';
import { Field, helpId } from '@/components/ui/Field';
import { SetByOrg } from '@/components/ui/SetByOrg';
import { showToast } from '@/components/ui/Toast';
import { describeCsvErrors } from '@/lib/mapping/csv';
import { matchToastText, savedMappingsText, unmappedReason } from '@/lib/mapping/match';
import { askFromOptions } from '@/lib/messages/client';
import type { MatchOutcome, MemberOption, Technician } from '@/lib/messages/options-to-bg';
import { errorText } from './api';
import { policy } from './policy/state';
import { type PsaWords, psaWords } from './psa-words';
import { connection, leaveGuard } from './store';

type Draft = Record<string, MemberOption | null>;

const NOT_MAPPED = '';

function outcomeText(
  o: MatchOutcome | undefined,
  members: Map<number, MemberOption>,
  w: PsaWords,
): string | undefined {
  if (!o) return undefined;
  const one = w.people.replace(/s$/, '');
  switch (o.kind) {
    case 'ambiguous':
      return `⚠ ${o.memberIds.length} ${w.people} share this email (${o.memberIds
        .map((id) => members.get(id)?.identifier ?? id)
        .join(', ')}): choose one`;
    case 'inactive':
      return `⚠ Only an inactive ${one} has this email: not picked`;
    case 'none':
      return `No ${one} has this email`;
    default:
      return undefined;
  }
}

/**
 * An email with line-break chances before the @ and after each dot, so a narrow table column breaks
 * it as "john.smith / @flowpilotmsp.com" rather than pushing the table out of its card.
 */
function breakableEmail(email: string) {
  return email.split(/(?=@)|(?<=\.)/).flatMap((part, i) => (i ? [<wbr key={i} />, part] : [part]));
}

function mappingText(t: Technician): string {
  if (t.memberId === undefined) return 'Not mapped';
  return t.mappedBy === 'manual' ? 'Set by hand' : 'Auto-matched';
}

export function MappingTab() {
  const connected = Boolean(connection.value);
  const w = psaWords(connection.value);
  const [roster, setRoster] = useState<Technician[]>([]);
  const [signedIn, setSignedIn] = useState<string>('');
  const [members, setMembers] = useState<MemberOption[] | undefined>();
  const [membersError, setMembersError] = useState<string | undefined>();
  const [draft, setDraft] = useState<Draft>({});
  const [busy, setBusy] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [add, setAdd] = useState({ name: '', email: '' });
  const [edit, setEdit] = useState<{ id: string; name: string; email: string } | undefined>();
  const [loaded, setLoaded] = useState(false);

  const dirty = Object.keys(draft).length > 0;

  useEffect(() => {
    void askFromOptions('mapping/get', {})
      .then((r) => {
        setRoster(r.technicians);
        setSignedIn(r.signedInTechnicianId ?? '');
      })
      .catch((e) => setError(errorText(e)))
      .finally(() => setLoaded(true));
  }, []);

  useEffect(() => {
    if (!connected) return;
    setMembersError(undefined);
    void askFromOptions('mapping/members', {})
      .then((r) => setMembers(r.members))
      .catch((e) => setMembersError(errorText(e)));
  }, [connected]);

  // Ask before leaving with unsaved mappings: switching tabs (the app) and closing the page (the browser).
  useEffect(() => {
    leaveGuard.value = dirty ? { message: 'You changed member mappings without saving them.' } : undefined;
    if (!dirty) return;
    const onUnload = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', onUnload);
    return () => window.removeEventListener('beforeunload', onUnload);
  }, [dirty]);
  useEffect(
    () => () => {
      leaveGuard.value = undefined;
    },
    [],
  );

  const memberById = useMemo(() => new Map((members ?? []).map((m) => [m.id, m])), [members]);
  const options: ComboOption[] = useMemo(
    () => [
      { value: NOT_MAPPED, label: '(Not mapped)' },
      ...(members ?? [])
        .filter((m) => !m.inactive)
        .map((m) => ({ value: String(m.id), label: `${m.name} (${m.identifier})`, keywords: m.email })),
    ],
    [members],
  );

  const run = async (label: string, fn: () => Promise<void>) => {
    setBusy(label);
    setError(undefined);
    try {
      await fn();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(undefined);
    }
  };

  const onAutoMatch = () =>
    run('auto', async () => {
      const r = await askFromOptions('mapping/autoMatch', {});
      // Each row's reason is derived from the roster and the members (unmappedReason), not kept from here.
      setRoster(r.technicians);
      // Auto-Match saved its picks; unsaved hand edits stay in the draft on top of them.
      showToast(matchToastText(r));
    });

  const onSave = () =>
    run('save', async () => {
      const assignments = Object.entries(draft).map(([technicianId, m]) => ({
        technicianId,
        member: m ? { id: m.id, identifier: m.identifier, name: m.name } : null,
      }));
      const r = await askFromOptions('mapping/save', { assignments });
      setRoster(r.technicians);
      setDraft({});
      showToast(savedMappingsText(assignments.length));
    });

  const onAdd = (e: Event) => {
    e.preventDefault();
    void run('add', async () => {
      const r = await askFromOptions('technicians/add', add);
      setRoster(r.technicians);
      showToast(`Added ${add.name.trim()}`);
      setAdd({ name: '', email: '' });
    });
  };

  const onEditSave = (e: Event) => {
    e.preventDefault();
    if (!edit) return;
    void run('edit', async () => {
      const r = await askFromOptions('technicians/update', edit);
      setRoster(r.technicians);
      setEdit(undefined);
    });
  };

  const onRemove = (t: Technician) =>
    run(`remove-${t.id}`, async () => {
      const r = await askFromOptions('technicians/remove', { id: t.id });
      setRoster(r.technicians);
      const { [t.id]: _drop, ...rest } = draft;
      setDraft(rest);
      if (signedIn === t.id) setSignedIn('');
      showToast(`Removed ${t.name}`);
    });

  const onCsv = async (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    const csv = await file.text();
    input.value = '';
    await run('csv', async () => {
      const r = await askFromOptions('technicians/importCsv', { csv });
      setRoster(r.technicians);
      const parts = [`Imported ${r.added} technician${r.added === 1 ? '' : 's'}`];
      if (r.skipped) parts.push(`${r.skipped} already on the roster`);
      if (r.errors.length) parts.push(`${r.errors.length} row${r.errors.length === 1 ? '' : 's'} skipped`);
      showToast(parts.join('; '), r.errors.length ? 'info' : 'success');
      if (r.errors.length) setError(`Some CSV rows were not imported: ${describeCsvErrors(r.errors)}.`);
    });
  };

  const onSignedIn = (id: string) =>
    run('signedIn', async () => {
      const r = await askFromOptions('mapping/signedIn', { technicianId: id || null });
      setSignedIn(r.signedInTechnicianId ?? '');
      const name = roster.find((t) => t.id === id)?.name;
      showToast(
        name
          ? `Signed-in technician: ${name}`
          : `No signed-in technician: posts go out as the ${w.apiAccount}`,
      );
    });

  const selectedValue = (t: Technician): string => {
    const d = draft[t.id];
    if (d !== undefined) return d ? String(d.id) : NOT_MAPPED;
    return t.memberId === undefined ? NOT_MAPPED : String(t.memberId);
  };
  const choose = (t: Technician, v: string) => {
    const next = v === NOT_MAPPED ? null : (memberById.get(Number(v)) ?? null);
    const same = (next?.id ?? undefined) === t.memberId;
    const { [t.id]: _old, ...rest } = draft;
    setDraft(same ? rest : { ...rest, [t.id]: next });
  };

  /** Why the row stays unmapped, from its current state (a manual choice clears it; a reload keeps it). */
  const reasonOf = (t: Technician) =>
    members &&
    outcomeText(unmappedReason({ ...t, changed: draft[t.id] !== undefined }, members), memberById, w);

  const signedInTech = roster.find((t) => t.id === signedIn);
  const rosterManaged = policy.value?.roster === true;

  return (
    <div>
      <section class="fp-card" aria-labelledby="map-title">
        <h2 id="map-title">Technicians and their {w.person}s</h2>
        <p class="fp-help">
          Posts are attributed to the {w.people.replace(/s$/, '')} mapped to the technician who did the work.
          Auto-Match compares each technician’s email with {w.matchedEmails} (ignoring case and spaces);
          shared or inactive addresses are flagged for you to decide.
        </p>
        {!connected && connection.value !== undefined && (
          <p class="fp-banner fp-banner--info">
            Connect to ConnectWise or Autotask (Connection tab) to match technicians to members or resources.
          </p>
        )}
        {membersError && (
          <p class="fp-banner fp-banner--error" role="alert">
            Could not load the {w.people}: {membersError}
          </p>
        )}
        {error && (
          <p class="fp-banner fp-banner--error" role="alert">
            {error}
          </p>
        )}
        <div class="fp-actions">
          <Button
            variant="primary"
            onClick={onAutoMatch}
            busy={busy === 'auto'}
            disabled={!connected || !!busy || roster.length === 0}
          >
            Auto-Match by Email
          </Button>
          {/* Saving empties the draft, so the pressed button turns unavailable: it keeps focus (aria-disabled). */}
          <Button
            variant="primary"
            onClick={onSave}
            busy={busy === 'save'}
            disabled={!dirty || !!busy}
            focusableWhenDisabled
          >
            Save Mappings
          </Button>
          {dirty && <span class="fp-flag">Unsaved changes</span>}
        </div>

        <div class="fp-table-scroll">
          <table class="fp-table">
            <thead>
              <tr>
                <th scope="col">Technician</th>
                <th scope="col">Email</th>
                <th scope="col">{w.person}</th>
                <th scope="col">Mapping</th>
                <th scope="col">
                  <span class="fp-sr">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {loaded && roster.length === 0 && (
                <tr>
                  <td colSpan={5} class="fp-muted">
                    No technicians yet. Add them below or import a CSV file.
                  </td>
                </tr>
              )}
              {roster.map((t) =>
                edit?.id === t.id ? (
                  <tr key={t.id}>
                    <td>
                      <input
                        aria-label={`Name of ${t.name}`}
                        type="text"
                        value={edit.name}
                        onInput={(e) => setEdit({ ...edit, name: e.currentTarget.value })}
                      />
                    </td>
                    <td>
                      <input
                        aria-label={`Email of ${t.name}`}
                        type="email"
                        value={edit.email}
                        onInput={(e) => setEdit({ ...edit, email: e.currentTarget.value })}
                      />
                    </td>
                    <td colSpan={2} />
                    <td>
                      <Button variant="primary" onClick={onEditSave} busy={busy === 'edit'}>
                        Save changes
                      </Button>
                      <Button variant="link" onClick={() => setEdit(undefined)}>
                        Cancel
                      </Button>
                    </td>
                  </tr>
                ) : (
                  <tr key={t.id} data-technician={t.email}>
                    <td>{t.name}</td>
                    <td class="fp-email">{breakableEmail(t.email)}</td>
                    <td>
                      <Combobox
                        label={t.name}
                        options={
                          t.memberId !== undefined && !options.some((o) => o.value === String(t.memberId))
                            ? [
                                ...options,
                                {
                                  value: String(t.memberId),
                                  label: `${t.memberName ?? t.memberIdentifier} (${t.memberIdentifier ?? t.memberId})`,
                                },
                              ]
                            : options
                        }
                        value={selectedValue(t)}
                        onChange={(v) => choose(t, v)}
                        placeholder={
                          members
                            ? `Type to search ${w.peopleShort}`
                            : connected
                              ? `Loading ${w.peopleShort}…`
                              : 'Not connected'
                        }
                        disabled={!members}
                      />
                    </td>
                    <td>
                      {draft[t.id] !== undefined ? (
                        <span class="fp-flag">Changed (not saved)</span>
                      ) : (
                        mappingText(t)
                      )}
                      {reasonOf(t) && <div class="fp-flag">{reasonOf(t)}</div>}
                    </td>
                    <td>
                      {!rosterManaged && (
                        <>
                          <Button
                            variant="link"
                            aria-label={`Edit ${t.name}`}
                            onClick={() => setEdit({ id: t.id, name: t.name, email: t.email })}
                          >
                            Edit
                          </Button>
                          <Button
                            variant="link"
                            aria-label={`Remove ${t.name}`}
                            busy={busy === `remove-${t.id}`}
                            onClick={() => onRemove(t)}
                          >
                            Remove
                          </Button>
                        </>
                      )}
                    </td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </div>
      </section>

      {rosterManaged ? (
        <p class="fp-card fp-help">
          <SetByOrg />
          The technician roster comes from your organization’s policy; ask your IT admin to add or remove
          technicians. Mapping them to {w.person}s still works here.
        </p>
      ) : (
        <section class="fp-card" aria-labelledby="add-title">
          <h2 id="add-title">Add technicians</h2>
          <form class="fp-row" onSubmit={onAdd} aria-label="Add a technician">
            <Field id="tech-name" label="Name">
              <input
                id="tech-name"
                type="text"
                value={add.name}
                onInput={(e) => setAdd({ ...add, name: e.currentTarget.value })}
              />
            </Field>
            <Field id="tech-email" label="Email">
              <input
                id="tech-email"
                type="email"
                value={add.email}
                onInput={(e) => setAdd({ ...add, email: e.currentTarget.value })}
              />
            </Field>
            <Button type="submit" busy={busy === 'add'} disabled={!!busy}>
              Add Technician
            </Button>
          </form>
          <Field
            id="tech-csv"
            label="Import CSV"
            help="One technician per line: name,email. A header row is optional; bad rows are reported and the rest imported."
          >
            <input
              id="tech-csv"
              type="file"
              accept=".csv,text/csv,text/plain"
              onChange={onCsv}
              aria-describedby={helpId('tech-csv')}
            />
          </Field>
        </section>
      )}

      <section class="fp-card" aria-labelledby="me-title">
        <h2 id="me-title">This browser</h2>
        <Field
          id="signed-in-tech"
          label="Signed-in technician"
          help={
            signedInTech
              ? `The panel in this browser posts as ${signedInTech.name}${signedInTech.memberName ? ` (${w.people.replace(/s$/, '')} ${signedInTech.memberName})` : ` (not mapped yet: posts go out as the ${w.apiAccount})`}.`
              : `Nobody chosen: the panel says so and posts as the ${w.apiAccount}.`
          }
        >
          <select
            id="signed-in-tech"
            value={signedIn}
            onChange={(e) => onSignedIn(e.currentTarget.value)}
            aria-describedby={helpId('signed-in-tech')}
          >
            <option value="">Nobody (post as the {w.apiAccount})</option>
            {roster.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </Field>
      </section>
    </div>
  );
}
