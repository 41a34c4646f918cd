// What the technician typed into "Search tickets", classified. No imports: the panel uses it too.

export type SearchInput =
  | { kind: 'empty' }
  | { kind: 'tooShort'; min: number }
  | { kind: 'number'; id: number }
  | { kind: 'words'; words: string[] };

export const MIN_SEARCH_CHARS = 2;
/** Search shows at most this many tickets (CW's page, Autotask's cut); the panel says when it is hit. */
export const SEARCH_PAGE_SIZE = 20;
const MAX_WORDS = 6;

export function parseSearchInput(text: string): SearchInput {
  const t = text.trim();
  if (!t) return { kind: 'empty' };
  const num = /^#?\s*(\d{1,10})$/.exec(t);
  if (num) {
    const id = Number(num[1]);
    if (id > 0 && id <= 2_147_483_647) return { kind: 'number', id };
  }
  if (t.replace(/^#/, '').length < MIN_SEARCH_CHARS) return { kind: 'tooShort', min: MIN_SEARCH_CHARS };
  const words = t.split(/\s+/).filter(Boolean).slice(0, MAX_WORDS);
  return { kind: 'words', words };
}
