import { useState } from 'preact/hooks';
import { statusIsClosedWord } from '@/lib/panel/ticket-words';
import { panelWords } from '@/lib/panel/words';
import type { ConfigurationView, NoteType, TicketContext, TicketNoteView } from '@/lib/ticket/types';

// Renders CW data strictly as text (JSX escapes it); CW content is untrusted and never parsed as HTML.

const NOTE_LABEL: Record<NoteType, string> = {
  discussion: 'Discussion',
  internal: 'Internal',
  resolution: 'Resolution',
};
const CLIP = 240;
/** Configurations listed until the technician asks for all of them (a ticket can carry dozens). */
const CONFIGS_SHOWN = 10;

function Row({ term, value }: { term: string; value: string | undefined }) {
  if (!value) return null;
  return (
    <>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </>
  );
}

function formatDate(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

function Note({ note }: { note: TicketNoteView }) {
  const [open, setOpen] = useState(false);
  const long = note.text.length > CLIP;
  const text = long && !open ? `${note.text.slice(0, CLIP).trimEnd()}…` : note.text;
  return (
    <li class="fp-note" data-note-id={note.id}>
      <div class="fp-note-meta">
        {note.types.map((t) => (
          <span key={t} class={`fp-chip ${t}`}>
            {NOTE_LABEL[t]}
          </span>
        ))}
        {[note.author, formatDate(note.date)].filter(Boolean).join(' · ')}
      </div>
      <p class="fp-note-text">{text}</p>
      {long && (
        <button type="button" class="fp-link" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'less' : 'more'}
        </button>
      )}
    </li>
  );
}

function Configuration({ c }: { c: ConfigurationView }) {
  return (
    <li class="fp-config" data-config-id={c.id}>
      <details>
        <summary>
          {c.name}
          {c.type ? ` · ${c.type}` : ''}
        </summary>
        <dl class="fp-dl">
          <Row term="Type" value={c.type} />
          <Row term="Status" value={c.status} />
          <Row term="Serial" value={c.serialNumber} />
          <Row term="OS" value={[c.osType, c.osInfo].filter(Boolean).join(' ') || undefined} />
          <Row term="IP" value={c.ipAddress} />
          <Row term="Last login" value={c.lastLoginName} />
        </dl>
      </details>
    </li>
  );
}

function Configurations({ list }: { list: ConfigurationView[] }) {
  const [all, setAll] = useState(false);
  const shown = all ? list : list.slice(0, CONFIGS_SHOWN);
  return (
    <>
      <ul class="fp-results">
        {shown.map((cfg) => (
          <Configuration key={cfg.id} c={cfg} />
        ))}
      </ul>
      {list.length > CONFIGS_SHOWN && (
        <button type="button" class="fp-link" aria-expanded={all} onClick={() => setAll(!all)}>
          {all ? 'Show fewer' : `Show all ${list.length}`}
        </button>
      )}
    </>
  );
}

/** The linked ticket's context; `partial` while the second wave (details) is still on its way. */
export function TicketContextView({ context, partial }: { context: TicketContext; partial?: boolean }) {
  const c = context;
  const type = [c.type, c.subType].filter(Boolean).join(' / ') || undefined;
  const company = c.company?.name
    ? `${c.company.name}${c.company.identifier ? ` (${c.company.identifier})` : ''}`
    : undefined;
  const words = panelWords.value;
  return (
    <>
      <section class="fp-section" aria-label="Ticket">
        <h3>Ticket</h3>
        <dl class="fp-dl">
          <Row term="Summary" value={c.summary} />
          <dt>Status</dt>
          <dd>
            {/* A status named just "Closed" is the chip itself: "Closed Closed" said it twice. */}
            {c.closed && statusIsClosedWord(c.status?.name) ? (
              <span class="fp-chip closed">{c.status?.name}</span>
            ) : (
              <>
                {c.status?.name ?? '—'} {c.closed && <span class="fp-chip closed">Closed</span>}
              </>
            )}
          </dd>
          <Row term={words.board} value={c.board?.name} />
          <Row term="Priority" value={c.priority?.name} />
          <Row term="Type" value={type} />
          <Row term="Owner" value={c.owner?.name ?? 'Unassigned'} />
          <Row term="Project" value={c.project?.name} />
        </dl>
      </section>
      <section class="fp-section" aria-label="Company and contact">
        <h3>Company and contact</h3>
        <dl class="fp-dl">
          <Row term="Company" value={company} />
          <Row term="Company phone" value={c.company?.phone} />
          {c.contact ? (
            <>
              <Row term="Contact" value={c.contact.name || 'Unnamed contact'} />
              <Row term="Email" value={c.contact.email} />
              <Row term="Phone" value={c.contact.phone} />
            </>
          ) : (
            <Row term="Contact" value="No contact on this ticket" />
          )}
        </dl>
      </section>
      <section class="fp-section" aria-label={words.configurations}>
        <h3>
          {words.configurations} ({c.configurations.length})
        </h3>
        {c.configurations.length === 0 ? (
          <p class="fp-msg">
            {c.ref.kind === 'project'
              ? 'Project tickets have no attached configurations.'
              : `No ${words.configuration}s attached.`}
          </p>
        ) : (
          <Configurations list={c.configurations} />
        )}
      </section>
      <section class="fp-section" aria-label="Latest notes">
        <h3>Latest notes</h3>
        {c.notes.length === 0 ? (
          <p class="fp-msg">No notes yet.</p>
        ) : (
          <ul class="fp-results">
            {c.notes.map((n) => (
              <Note key={n.id} note={n} />
            ))}
          </ul>
        )}
      </section>
      {partial && (
        <p class="fp-msg" role="status">
          Loading details…
        </p>
      )}
      {c.problems.length > 0 && (
        <div class="fp-warn" role="note">
          Some details could not be loaded:
          <ul>
            {c.problems.map((p) => (
              <li key={p.section}>
                {p.section}: {p.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
