import { significantWords, type Word } from './words';

// Ranks closed tickets (and FlowPilot's own resolved sessions) by how much they look like the linked
// ticket. Pure: the loader feeds it CW rows and stored sessions, tests feed it lists of real-looking
// summaries. Order: same company first, then the same type/subtype, then any company; within each,
// the significant words shared with this ticket's summary (its initial description counts half);
// newest first on ties. A candidate must share enough to be shown at all (RELEVANT_SCORE): one product
// name or code, or two ordinary words.

export const SIMILAR_SHOWN = 5;
/** Two ordinary words or one strong word (product name, code, number) from this ticket's summary. */
export const RELEVANT_SCORE = 2;
const STRONG = 2;
const WEAK = 1;
/** Words only in the initial description help ranking, at half weight; they never make a match alone. */
const DESCRIPTION_FACTOR = 0.5;

export interface SimilarQuery {
  summary: string;
  description?: string;
  companyId?: number;
  type?: string;
  subType?: string;
}

export interface Candidate {
  source: 'cw' | 'autotask' | 'flowpilot';
  ticketId: number;
  summary: string;
  companyId?: number;
  companyName?: string;
  type?: string;
  subType?: string;
  /** ISO date (or epoch ms) the ticket was closed / the session resolved; ties go to the newest. */
  closedAt?: string | number;
}

export type Tier = 0 | 1 | 2;
export const TIER_LABEL: Record<Tier, string> = { 0: 'same company', 1: 'same type', 2: 'any company' };

export interface Ranked<C extends Candidate = Candidate> {
  candidate: C;
  tier: Tier;
  score: number;
  /** The shared words as this ticket spells them. */
  shared: string[];
}

interface QueryTerm {
  word: Word;
  weight: number;
  inSummary: boolean;
}

export interface QueryProfile {
  terms: Map<string, QueryTerm>;
  /** Summary words (or, for a summary with none, the description's), strongest first. */
  searchWords: Word[];
  threshold: number;
}

const weightOf = (w: Word) => (w.strong ? STRONG : WEAK);

/** What this ticket is about, as terms with weights; empty when it names nothing to match. */
export function queryProfile(q: SimilarQuery): QueryProfile {
  let summaryWords = significantWords(q.summary);
  const descWords = q.description ? significantWords(q.description) : [];
  // A summary like "Help!!" names nothing: let the description speak for it.
  if (summaryWords.length === 0) summaryWords = descWords.slice(0, 8);
  const terms = new Map<string, QueryTerm>();
  for (const w of summaryWords) terms.set(w.term, { word: w, weight: weightOf(w), inSummary: true });
  for (const w of descWords) {
    if (!terms.has(w.term)) terms.set(w.term, { word: w, weight: weightOf(w), inSummary: false });
  }
  const total = summaryWords.reduce((n, w) => n + weightOf(w), 0);
  return {
    terms,
    searchWords: [...summaryWords].sort((a, b) => Number(b.strong) - Number(a.strong)),
    threshold: Math.min(RELEVANT_SCORE, total),
  };
}

function dateValue(d: string | number | undefined): number {
  if (d === undefined) return 0;
  const n = typeof d === 'number' ? d : Date.parse(d);
  return Number.isNaN(n) ? 0 : n;
}

const norm = (s: string | undefined) => s?.trim().toLowerCase() || undefined;

function tierOf(q: SimilarQuery, c: Candidate): Tier {
  if (q.companyId !== undefined && c.companyId === q.companyId) return 0;
  const type = norm(q.type);
  if (type && norm(c.type) === type && (!norm(q.subType) || norm(c.subType) === norm(q.subType))) return 1;
  return 2;
}

/** Score of one candidate; undefined when it does not share enough to count as similar. */
export function scoreCandidate(
  profile: QueryProfile,
  summary: string,
): { score: number; shared: string[] } | undefined {
  if (profile.threshold <= 0) return undefined;
  let primary = 0;
  let secondary = 0;
  const shared: string[] = [];
  for (const w of significantWords(summary)) {
    const t = profile.terms.get(w.term);
    if (!t) continue;
    shared.push(t.word.raw);
    if (t.inSummary) primary += t.weight;
    else secondary += t.weight * DESCRIPTION_FACTOR;
  }
  if (primary < profile.threshold) return undefined;
  return { score: primary + secondary, shared };
}

/**
 * The most similar candidates, best first. One row per ticket: a PSA's ticket wins over a FlowPilot
 * session of the same ticket (its Resolution note is what the session posted).
 */
export function rankSimilar<C extends Candidate>(
  q: SimilarQuery,
  candidates: readonly C[],
  limit = SIMILAR_SHOWN,
  profile: QueryProfile = queryProfile(q),
): Ranked<C>[] {
  const byTicket = new Map<number, Ranked<C>>();
  for (const c of candidates) {
    const s = scoreCandidate(profile, c.summary);
    if (!s) continue;
    const prev = byTicket.get(c.ticketId);
    if (prev && (prev.candidate.source !== 'flowpilot' || c.source === 'flowpilot')) continue;
    byTicket.set(c.ticketId, { candidate: c, tier: tierOf(q, c), score: s.score, shared: s.shared });
  }
  return [...byTicket.values()]
    .sort(
      (a, b) =>
        a.tier - b.tier ||
        b.score - a.score ||
        dateValue(b.candidate.closedAt) - dateValue(a.candidate.closedAt) ||
        b.candidate.ticketId - a.candidate.ticketId,
    )
    .slice(0, limit);
}
