import { ticketNo } from '../psa/words';
import { awayLine, type TimeFormat } from './away';
import type { LaneItem, Session } from './model';

// The documentation a closed session produces, generated deterministically from the lane. Plain text
// with "\n" line breaks: CW keeps line breaks in note text (the DG's "newline becomes a space" applies
// to single-line fields; see tests/cw-sandbox/text.ts), and headings end in ":" and items start with
// "- " so the note still reads if a field ever folds the breaks into spaces.

/**
 * Conservative upper bound for a generated note. CW stores note text as nvarchar(max) and publishes no
 * limit (cw-api.md); a short note is also what a reader wants, so we clip long lanes well below anything
 * CW or a browser would choke on.
 */
export const NOTE_TEXT_LIMIT = 8_000;
/** One lane item or answer never takes more than this. */
export const ITEM_TEXT_LIMIT = 600;
/** A free-text paragraph (problem, root cause, resolution, reason). */
export const PARAGRAPH_LIMIT = 2_000;

export type DocKind = 'resolved' | 'escalated';

/** Handed to posting: the internal note and the customer-facing text for one closed session. */
export interface SessionDoc {
  kind: DocKind;
  internalText: string;
  customerText: string;
}

export interface DocOptions {
  /** Settings → "Include Diagnostic Steps". */
  includeDiagnosticSteps: boolean;
  /** How away times are written in the time line (the technician's zone unless a test sets one). */
  timeFormat?: TimeFormat;
}

/** Clips to `max` characters (ellipsis included) without splitting a surrogate pair. */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = Math.max(0, max - 1);
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1; // don't leave half an emoji
  return `${text.slice(0, cut).trimEnd()}…`;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** A single line: breaks and runs of spaces folded, control characters dropped, clipped. */
export function oneLine(text: string, max = ITEM_TEXT_LIMIT): string {
  return clipText(text.replace(CONTROL, '').replace(/\s+/g, ' ').trim(), max);
}

/** A paragraph: line breaks kept (at most one blank line), trailing spaces dropped, clipped. */
export function paragraph(text: string, max = PARAGRAPH_LIMIT): string {
  const cleaned = text
    .replace(/\r\n?/g, '\n')
    .replace(CONTROL, '')
    .split('\n')
    .map((l) => l.replace(/[ \t]+/g, ' ').trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return clipText(cleaned, max);
}

const RESULT_WORD = { pass: 'Pass', fail: 'Fail', pending: 'Pending' } as const;

export function checkLine(i: LaneItem): string {
  const head = `${oneLine(i.text)}: ${RESULT_WORD[i.result ?? 'pending']}`;
  return i.note ? `${head} (${oneLine(i.note)})` : head;
}

const questionLine = (i: LaneItem) => `${oneLine(i.text)} ${oneLine(i.answer ?? '')}`.trim();

/** The ticket a fix came from, as its technicians know it: "#1407", or Autotask's T20261101.0007. */
const sourceTicket = (i: LaneItem) =>
  i.fromTicket === undefined ? undefined : ticketNo(i.fromTicket, i.fromTicketNumber);

/** A Suggested fix item, with the ticket it came from ("Use this fix" on a similar ticket). */
export const fixLine = (i: LaneItem) => {
  const from = sourceTicket(i);
  return from ? `${oneLine(i.text)} (from ${from})` : oneLine(i.text);
};

/** Fixes taken from similar tickets that the written resolution does not already name. */
function fixesFromTickets(s: Session, written: string): string[] {
  return s.lane.fixes
    .filter((i) => {
      const from = sourceTicket(i);
      return from !== undefined && !written.toUpperCase().includes(from.toUpperCase());
    })
    .map(fixLine);
}

/** The time line: away stretches and what the technician answered (kept, dropped, not answered). */
function timeLines(s: Session, opts: DocOptions): string[] {
  return (s.away ?? []).filter((a) => a.to !== undefined).map((a) => awayLine(a, opts.timeFormat));
}

/** Facts and answered questions: what the session established. */
function confirmedLines(s: Session): string[] {
  return [
    ...s.lane.facts.map((i) => oneLine(i.text)),
    ...s.lane.questions.filter((i) => i.answer).map((i) => `${oneLine(i.text)} → ${oneLine(i.answer ?? '')}`),
  ];
}

interface Section {
  title: string;
  /** A paragraph (text) or bullet items (list). */
  text?: string;
  list?: string[];
}

function render(sections: Section[]): string {
  return sections
    .filter((s) => (s.list ? s.list.length > 0 : !!s.text))
    .map((s) => `${s.title}:\n${s.list ? s.list.map((l) => `- ${l}`).join('\n') : s.text}`)
    .join('\n\n');
}

/**
 * Renders, dropping items from the end of the longest list until the text fits (saying how many were
 * left out), so the paragraphs that matter most — the resolution, the reason — are never cut.
 */
export function renderWithin(sections: Section[], limit = NOTE_TEXT_LIMIT): string {
  const work = sections.map((s) => ({ ...s, list: s.list ? [...s.list] : undefined, dropped: 0 }));
  const out = () =>
    render(
      work.map((s) =>
        s.list && s.dropped > 0 ? { ...s, list: [...s.list, `(${s.dropped} more not shown)`] } : s,
      ),
    );
  let text = out();
  while (text.length > limit) {
    const longest = work
      .filter((s) => s.list && s.list.length > 0)
      .sort((a, b) => (b.list?.join('').length ?? 0) - (a.list?.join('').length ?? 0))[0];
    if (!longest?.list) break;
    longest.list.pop();
    longest.dropped++;
    text = out();
  }
  return clipText(text, limit);
}

/**
 * What Resolve's dialog starts with: the failed checks, each worded as one ("Failed check: <text> —
 * <note>", so the check's own text never reads as the cause), then the fixes and passed checks as the
 * resolution. The tech rewrites the cause in their own words.
 */
export function resolvePrefill(s: Session): { rootCause: string; resolution: string } {
  const failed = s.lane.checks.filter((i) => i.result === 'fail');
  const doneFixes = s.lane.fixes.filter((i) => i.done);
  const fixes = doneFixes.length > 0 ? doneFixes : s.lane.fixes;
  const passed = s.lane.checks.filter((i) => i.result === 'pass');
  return {
    rootCause: failed
      .map((i) => `Failed check: ${oneLine(i.text)}${i.note ? ` — ${oneLine(i.note)}` : ''}`)
      .join('\n'),
    resolution: [...fixes.map(fixLine), ...passed.map((i) => `Verified: ${oneLine(i.text)}`)].join('\n'),
  };
}

function resolvedDoc(
  s: Session,
  outcome: { rootCause: string; resolution: string },
  opts: DocOptions,
): SessionDoc {
  const problem = paragraph(s.problem || s.ticketSummary);
  // Checks never run don't belong in a resolution; they stay visible in the session.
  const checks = s.lane.checks.filter((i) => i.result !== 'pending').map(checkLine);
  const internal: Section[] = [
    { title: 'Problem', text: problem },
    { title: 'What we confirmed', list: confirmedLines(s) },
    ...(opts.includeDiagnosticSteps ? [{ title: 'Diagnostic steps', list: checks }] : []),
    { title: 'Root cause', text: paragraph(outcome.rootCause) },
    { title: 'Resolution', text: paragraph(outcome.resolution) },
    { title: 'Fix from similar tickets', list: fixesFromTickets(s, outcome.resolution) },
    { title: 'Time', list: timeLines(s, opts) },
  ];
  const customer: Section[] = [
    { title: 'Problem', text: problem },
    { title: 'Cause', text: paragraph(outcome.rootCause) },
    { title: 'Resolution', text: paragraph(outcome.resolution) },
  ];
  return { kind: 'resolved', internalText: renderWithin(internal), customerText: renderWithin(customer) };
}

function escalatedDoc(
  s: Session,
  outcome: { reason: string; escalateTo?: string },
  opts: DocOptions,
): SessionDoc {
  const problem = paragraph(s.problem || s.ticketSummary);
  const tried = [
    ...(opts.includeDiagnosticSteps
      ? s.lane.checks.filter((i) => i.result !== 'pending').map(checkLine)
      : []),
    ...s.lane.fixes.filter((i) => i.done).map((i) => `Applied: ${fixLine(i)}`),
  ];
  const next = [
    ...s.lane.fixes.filter((i) => !i.done).map(fixLine),
    ...s.lane.checks.filter((i) => i.result === 'pending').map((i) => `Check: ${oneLine(i.text)}`),
    ...s.lane.questions.filter((i) => !i.answer).map((i) => `Find out: ${questionLine(i)}`),
  ];
  const to = outcome.escalateTo ? oneLine(outcome.escalateTo, 200) : undefined;
  const why = paragraph(to ? `${outcome.reason}\nEscalated to: ${to}` : outcome.reason);
  const internal: Section[] = [
    { title: 'Problem', text: problem },
    { title: 'What we confirmed', list: confirmedLines(s) },
    { title: 'What we tried', list: tried },
    { title: 'Why escalating', text: why },
    { title: 'Suggested next steps', list: next },
    { title: 'Time', list: timeLines(s, opts) },
  ];
  const customer: Section[] = [
    { title: 'Problem', text: problem },
    {
      title: 'Status',
      text: `We have escalated this ticket${to ? ` to ${to}` : ''} for further investigation and will update you as soon as we know more.`,
    },
  ];
  return { kind: 'escalated', internalText: renderWithin(internal), customerText: renderWithin(customer) };
}

/**
 * The documentation of a resolved or escalated session; undefined for open or abandoned sessions
 * (abandon posts nothing).
 */
export function buildSessionDoc(s: Session, opts: DocOptions): SessionDoc | undefined {
  const o = s.outcome;
  if (o?.kind === 'resolved') return resolvedDoc(s, o, opts);
  if (o?.kind === 'escalated') return escalatedDoc(s, o, opts);
  return undefined;
}
