import { useEffect, useRef, useState } from 'preact/hooks';
import { ticketNo } from '@/lib/psa/words';
import {
  type CheckResult,
  type LaneItem,
  SECTION_TITLES,
  type LaneSection as Section,
} from '@/lib/session/model';
import type { LaneOpInput } from './types';

interface Props {
  section: Section;
  items: LaneItem[];
  disabled: boolean;
  onOp: (op: LaneOpInput) => Promise<boolean>;
  /** An item was removed (the session offers Undo). */
  onRemoved?: (section: Section, item: LaneItem, index: number) => void;
}

const ADD_HINT: Record<Section, string> = {
  facts: 'A fact, e.g. "Only one user affected"',
  questions: 'A question to ask the user',
  checks: 'A check to run',
  fixes: 'A fix to try',
};

const RESULT_LABEL: Record<CheckResult, string> = { pending: 'Pending', pass: 'Pass', fail: 'Fail' };

/** One task-lane section: its items and an add field (Enter adds, Escape clears). */
export function LaneSection({ section, items, disabled, onOp, onRemoved }: Props) {
  const [draft, setDraft] = useState('');
  const title = SECTION_TITLES[section];
  const headingId = `fp-lane-${section}`;
  const sectionRef = useRef<HTMLElement>(null);
  /** After a removal: the index whose item (or the one before, or the add field) gets focus. */
  const focusAt = useRef<number | undefined>(undefined);
  useEffect(() => {
    const at = focusAt.current;
    const el = sectionRef.current;
    if (at === undefined || !el) return;
    focusAt.current = undefined;
    const rows = el.querySelectorAll<HTMLElement>('li.fp-s-item');
    const row = rows[Math.min(at, rows.length - 1)];
    (
      row?.querySelector<HTMLElement>('.fp-s-tools button') ?? el.querySelector<HTMLElement>('.fp-s-add')
    )?.focus();
  }, [items]);

  const remove = async (item: LaneItem, index: number) => {
    focusAt.current = index;
    if (await onOp({ op: 'remove', id: item.id })) onRemoved?.(section, item, index);
    else focusAt.current = undefined;
  };

  const add = async () => {
    const text = draft.trim();
    if (!text) return;
    setDraft('');
    if (!(await onOp({ op: 'add', section, text }))) setDraft(text);
  };

  return (
    <section class="fp-s-lane" aria-labelledby={headingId} ref={sectionRef}>
      <h3 id={headingId}>
        {title} <span class="fp-s-count">({items.length})</span>
      </h3>
      {items.length > 0 && (
        <ul aria-label={title}>
          {items.map((item, i) => (
            <Item
              key={item.id}
              item={item}
              section={section}
              first={i === 0}
              last={i === items.length - 1}
              disabled={disabled}
              onOp={onOp}
              onRemove={() => void remove(item, i)}
            />
          ))}
        </ul>
      )}
      <input
        type="text"
        class="fp-s-add"
        aria-label={`Add to ${title}`}
        placeholder={ADD_HINT[section]}
        value={draft}
        disabled={disabled}
        maxLength={2000}
        onInput={(e) => setDraft(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            void add();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            setDraft('');
          }
        }}
      />
    </section>
  );
}

interface ItemProps {
  item: LaneItem;
  section: Section;
  first: boolean;
  last: boolean;
  disabled: boolean;
  onOp: (op: LaneOpInput) => Promise<boolean>;
  onRemove: () => void;
}

function Item({ item, section, first, last, disabled, onOp, onRemove }: ItemProps) {
  const [editing, setEditing] = useState<string | undefined>();
  // Edit puts the caret in the field (typing used to go nowhere); Save or Escape return to Edit.
  const editField = useRef<HTMLInputElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  useEffect(() => {
    if (editing !== undefined) editField.current?.focus();
    else if (wasEditing.current) editButton.current?.focus();
    wasEditing.current = editing !== undefined;
  }, [editing !== undefined]);
  // Local copies of the stored values: typing is never overwritten by a re-render, and a click shows at
  // once. A saved change (here or from another tab) flows back in through the effects.
  const [done, setDone] = useState(item.done);
  const [answer, setAnswer] = useState(item.answer ?? '');
  const [result, setResult] = useState<CheckResult>(item.result ?? 'pending');
  const [note, setNote] = useState(item.note ?? '');
  useEffect(() => setDone(item.done), [item.done]);
  useEffect(() => setAnswer(item.answer ?? ''), [item.answer]);
  useEffect(() => setResult(item.result ?? 'pending'), [item.result]);
  useEffect(() => setNote(item.note ?? ''), [item.note]);
  // Answer and Note save on Enter (focus stays in the field) and on leaving it: each text once.
  const saved = useRef({ answer: item.answer ?? '', note: item.note ?? '' });
  useEffect(() => {
    saved.current.answer = item.answer ?? '';
  }, [item.answer]);
  useEffect(() => {
    saved.current.note = item.note ?? '';
  }, [item.note]);
  const saveText = (field: 'answer' | 'note', value: string) => {
    const before = saved.current[field];
    if (value === before) return;
    saved.current[field] = value;
    const patch = field === 'answer' ? { answer: value } : { note: value };
    void onOp({ op: 'edit', id: item.id, patch }).then((ok) => {
      // Refused: leaving the field (or Enter) tries again.
      if (!ok && saved.current[field] === value) saved.current[field] = before;
    });
  };
  const save = async () => {
    if (editing === undefined) return;
    const text = editing.trim();
    if (text && text !== item.text && !(await onOp({ op: 'edit', id: item.id, patch: { text } }))) return;
    setEditing(undefined);
  };
  const short = item.text.length > 40 ? `${item.text.slice(0, 40)}…` : item.text;

  return (
    <li class={`fp-s-item${item.done ? ' fp-s-item--done' : ''}`} data-item-id={item.id}>
      <div class="fp-s-row">
        <input
          type="checkbox"
          aria-label={`Done: ${short}`}
          checked={done}
          disabled={disabled}
          onChange={(e) => {
            const v = e.currentTarget.checked;
            setDone(v);
            void onOp({ op: 'edit', id: item.id, patch: { done: v } }).then((ok) => ok || setDone(item.done));
          }}
        />
        {editing === undefined ? (
          <span class="fp-s-text">
            {item.text}
            {item.source === 'ai' && <span class="fp-s-tag"> AI</span>}
            {item.fromTicket !== undefined && (
              <span class="fp-s-tag"> from {ticketNo(item.fromTicket, item.fromTicketNumber)}</span>
            )}
          </span>
        ) : (
          <input
            type="text"
            aria-label={`Edit: ${short}`}
            value={editing}
            maxLength={2000}
            ref={editField}
            onInput={(e) => setEditing(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                void save();
              } else if (e.key === 'Escape') {
                e.preventDefault();
                e.stopPropagation();
                setEditing(undefined);
              }
            }}
          />
        )}
        <span class="fp-s-tools">
          {editing === undefined ? (
            <button
              type="button"
              ref={editButton}
              disabled={disabled}
              aria-label={`Edit ${short}`}
              onClick={() => setEditing(item.text)}
            >
              Edit
            </button>
          ) : (
            <button type="button" onClick={() => void save()}>
              Save
            </button>
          )}
          <button
            type="button"
            disabled={disabled || first}
            aria-label={`Move up: ${short}`}
            onClick={() => void onOp({ op: 'move', id: item.id, delta: -1 })}
          >
            ↑
          </button>
          <button
            type="button"
            disabled={disabled || last}
            aria-label={`Move down: ${short}`}
            onClick={() => void onOp({ op: 'move', id: item.id, delta: 1 })}
          >
            ↓
          </button>
          <button type="button" disabled={disabled} aria-label={`Remove: ${short}`} onClick={onRemove}>
            ✕
          </button>
        </span>
      </div>
      {section === 'questions' && (
        <input
          type="text"
          class="fp-s-sub"
          aria-label={`Answer: ${short}`}
          placeholder="Answer"
          value={answer}
          disabled={disabled}
          maxLength={2000}
          onInput={(e) => setAnswer(e.currentTarget.value)}
          onChange={(e) => saveText('answer', e.currentTarget.value)}
          onKeyDown={(e) => e.key === 'Enter' && saveText('answer', e.currentTarget.value)}
        />
      )}
      {section === 'checks' && (
        <div class="fp-s-row fp-s-sub">
          <select
            aria-label={`Result: ${short}`}
            value={result}
            disabled={disabled}
            onChange={(e) => {
              const v = e.currentTarget.value as CheckResult;
              setResult(v);
              void onOp({ op: 'edit', id: item.id, patch: { result: v } }).then(
                (ok) => ok || setResult(item.result ?? 'pending'),
              );
            }}
          >
            {(['pending', 'pass', 'fail'] as const).map((r) => (
              <option key={r} value={r}>
                {RESULT_LABEL[r]}
              </option>
            ))}
          </select>
          <input
            type="text"
            aria-label={`Note: ${short}`}
            placeholder="Note"
            value={note}
            disabled={disabled}
            maxLength={2000}
            onInput={(e) => setNote(e.currentTarget.value)}
            onChange={(e) => saveText('note', e.currentTarget.value)}
            onKeyDown={(e) => e.key === 'Enter' && saveText('note', e.currentTarget.value)}
          />
        </div>
      )}
    </li>
  );
}
