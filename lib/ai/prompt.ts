import { PSA_LABELS, type PsaKind } from '../psa/types';
import { wordsFor } from '../psa/words';
import { clipText, oneLine } from '../session/artifacts';
import { LANE_SECTIONS, type Lane, type LaneSection, SECTION_TITLES } from '../session/model';
import type { TicketContext } from '../ticket/types';
import type { ChatMessage } from './provider';

// The assistant's prompt: what it is, the ticket context, the task lane, and how to propose lane items.
// Pure, so tests can pin exactly what leaves the browser (and that redaction happened first).

export const NOTES_IN_PROMPT = 5;
export const NOTE_CHARS_IN_PROMPT = 600;
export const HISTORY_TURNS = 10;
/** "Has this happened before?": the most similar resolved tickets the panel shows (lib/similar). */
export const SIMILAR_IN_PROMPT = 3;
const RESOLUTION_CHARS_IN_PROMPT = 500;

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// Digit groups joined by spaces, dashes or brackets, optionally with +country (not dots: those are
// versions and IPs far more often than phones in ticket text); counted as a
// phone only with 7–15 digits (10+ when unseparated), so ticket numbers, dates and IPs survive.
const PHONE = /(?<![\w.:/])\+?\(?\d[\d\s()-]{5,}\d(?![\w:/]|\.\d)/g;

/** Replaces email addresses and phone numbers with placeholders. */
export function redactPii(text: string): string {
  return text.replace(EMAIL, '[email]').replace(PHONE, (m) => {
    const digits = m.replace(/\D/g, '').length;
    // Bare digit runs are phones only at full length (CW stores "4155550134"); shorter ones are ids.
    const min = /^\+?\d+$/.test(m.trim()) ? 10 : 7;
    if (digits < min || digits > 15) return m;
    if (/^\d{1,3}(\.\d{1,3}){3}$/.test(m.trim())) return m; // IPv4
    if (/^\d{4}-\d{2}-\d{2}/.test(m.trim())) return m; // ISO date
    return '[phone]';
  });
}

export const LANE_BLOCK_TAG = 'flowpilot-lane';

const systemRules = (
  psa: PsaKind,
) => `You are FlowPilot, an assistant for an MSP technician working a${psa === 'autotask' ? 'n' : ''} ${PSA_LABELS[psa]} ticket.
Answer briefly and practically. Use the ticket context and the task lane below; say so when something is not known.
When you want to propose task-lane items, end your answer with one fenced block:
\`\`\`${LANE_BLOCK_TAG}
{"facts": ["..."], "questions": ["..."], "checks": ["..."], "fixes": ["..."]}
\`\`\`
Include only the keys you use. The technician decides what enters the lane.`;

function contextLines(ctx: TicketContext, psa: PsaKind): string[] {
  const words = wordsFor(psa);
  const name = (r?: { name?: string; identifier?: string }) => r?.name ?? r?.identifier;
  // Autotask tickets are known by their number (T20261129.0004); CW's number is its id.
  const ticket = ctx.number
    ? `${oneLine(ctx.number, 60)} (id ${ctx.ref.id})`
    : `#${ctx.ref.id} (${ctx.ref.kind})`;
  const lines: string[] = [`Ticket: ${ticket} ${oneLine(ctx.summary, 300)}`];
  const add = (label: string, v: string | undefined) => v && lines.push(`${label}: ${oneLine(v, 300)}`);
  add('Company', name(ctx.company));
  add('Contact', [ctx.contact?.name, ctx.contact?.email, ctx.contact?.phone].filter(Boolean).join(', '));
  add('Status', name(ctx.status));
  add(words.board, name(ctx.board));
  add('Priority', name(ctx.priority));
  add('Type', [ctx.type, ctx.subType].filter(Boolean).join(' / '));
  add('Project', name(ctx.project));
  if (ctx.closed) lines.push('The ticket is closed.');
  if (ctx.configurations.length > 0) {
    lines.push(`${words.configurations}:`);
    for (const c of ctx.configurations.slice(0, 10)) {
      const details = [
        c.type,
        c.osType,
        c.osInfo,
        c.ipAddress && `IP ${c.ipAddress}`,
        c.lastLoginName && `last login ${c.lastLoginName}`,
        c.status,
      ]
        .filter(Boolean)
        .join(', ');
      lines.push(`- ${oneLine(c.name, 120)}${details ? ` (${oneLine(details, 300)})` : ''}`);
    }
  }
  if (ctx.initialDescription)
    lines.push('Initial description:', clipText(ctx.initialDescription.trim(), NOTE_CHARS_IN_PROMPT * 2));
  const notes = ctx.notes.slice(0, NOTES_IN_PROMPT);
  if (notes.length > 0) {
    lines.push('Recent notes (newest first):');
    for (const n of notes) {
      lines.push(
        `- [${n.types.join('+')}${n.date ? ` ${n.date.slice(0, 10)}` : ''}${n.author ? ` ${n.author}` : ''}] ${oneLine(n.text, NOTE_CHARS_IN_PROMPT)}`,
      );
    }
  }
  return lines;
}

function laneLines(problem: string, lane: Lane): string[] {
  const lines = [`Problem statement: ${oneLine(problem, 1000) || '(none yet)'}`];
  for (const s of LANE_SECTIONS) {
    const items = lane[s];
    if (items.length === 0) continue;
    lines.push(`${SECTION_TITLES[s]}:`);
    for (const i of items) {
      let line = `- ${oneLine(i.text, 300)}`;
      if (s === 'questions') line += i.answer ? ` Answer: ${oneLine(i.answer, 300)}` : ' (unanswered)';
      if (s === 'checks') line += ` [${i.result ?? 'pending'}]${i.note ? ` ${oneLine(i.note, 300)}` : ''}`;
      if (i.done) line += ' (done)';
      lines.push(line);
    }
  }
  return lines;
}

/** A similar resolved ticket as the prompt uses it (lib/similar/load.ts SimilarTicket fits). */
export interface SimilarForPrompt {
  source: 'cw' | 'autotask' | 'flowpilot';
  /** The PSA's ticket number when it is not the id (Autotask). */
  number?: string;
  ticketId: number;
  summary: string;
  company?: string;
  closedAt?: string;
  resolution?: string;
}

function similarLines(similar: readonly SimilarForPrompt[]): string[] {
  const top = similar.slice(0, SIMILAR_IN_PROMPT);
  if (top.length === 0) return [];
  const lines = [
    'Similar resolved tickets (most similar first; use them when asked whether this happened before):',
  ];
  for (const t of top) {
    const about = [
      t.company,
      t.closedAt && `resolved ${t.closedAt.slice(0, 10)}`,
      t.source === 'flowpilot' && 'FlowPilot session',
    ]
      .filter(Boolean)
      .join(', ');
    const fix = t.resolution ? oneLine(t.resolution, RESOLUTION_CHARS_IN_PROMPT) : 'no resolution note';
    lines.push(
      `- ${t.number ? oneLine(t.number, 60) : `#${t.ticketId}`} ${oneLine(t.summary, 200)}${about ? ` (${about})` : ''}: ${fix}`,
    );
  }
  return lines;
}

export interface PromptInput {
  /** The connected PSA: its name and words in the prompt (ConnectWise when missing). */
  psa?: PsaKind;
  context: TicketContext | undefined;
  /** Similar resolved tickets, best first; the top three go in (redacted like the rest). */
  similar?: readonly SimilarForPrompt[];
  problem: string;
  lane: Lane;
  /** Earlier turns of this chat, oldest first. */
  history: { role: 'user' | 'assistant'; content: string }[];
  message: string;
  redact: boolean;
}

export function buildPrompt(input: PromptInput): ChatMessage[] {
  const r = (t: string) => (input.redact ? redactPii(t) : t);
  const psa = input.psa ?? 'connectwise';
  const system = [
    systemRules(psa),
    '',
    '## Ticket context',
    ...(input.context ? contextLines(input.context, psa) : ['(not loaded)']),
    ...similarLines(input.similar ?? []),
    '',
    '## Task lane',
    ...laneLines(input.problem, input.lane),
  ].join('\n');
  return [
    { role: 'system', content: r(system) },
    ...input.history
      .slice(-HISTORY_TURNS)
      .map((h) => ({ role: h.role, content: r(clipText(h.content, 4000)) })),
    { role: 'user', content: r(clipText(input.message, 4000)) },
  ];
}

export interface LaneSuggestion {
  section: LaneSection;
  text: string;
}

const BLOCK = new RegExp(`\`\`\`${LANE_BLOCK_TAG}\\s*\\n([\\s\\S]*?)\`\`\``, 'g');

/**
 * Splits an answer into the text to show and the proposed lane items. A malformed block yields no
 * suggestions (and is still hidden), never an error.
 */
export function parseSuggestions(answer: string): { text: string; suggestions: LaneSuggestion[] } {
  const suggestions: LaneSuggestion[] = [];
  const seen = new Set<string>();
  for (const m of answer.matchAll(BLOCK)) {
    let data: unknown;
    try {
      data = JSON.parse(m[1] ?? '');
    } catch {
      continue;
    }
    if (!data || typeof data !== 'object') continue;
    for (const s of LANE_SECTIONS) {
      const list = (data as Record<string, unknown>)[s];
      if (!Array.isArray(list)) continue;
      for (const t of list.slice(0, 10)) {
        if (typeof t !== 'string' || !t.trim()) continue;
        const text = oneLine(t, 300);
        if (seen.has(`${s}:${text}`)) continue;
        seen.add(`${s}:${text}`);
        suggestions.push({ section: s, text });
      }
    }
  }
  return { text: answer.replace(BLOCK, '').trim(), suggestions };
}

/** While streaming, hide a lane block that has started but not finished. */
export function visibleWhileStreaming(partial: string): string {
  const start = partial.indexOf(`\`\`\`${LANE_BLOCK_TAG}`);
  if (start < 0) return partial;
  const done = parseSuggestions(partial).text;
  return partial.indexOf('```', start + 3) >= 0 ? done : partial.slice(0, start).trimEnd();
}
