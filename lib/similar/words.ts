import { stemmer } from 'stemmer';
import { eng } from 'stopword';

// The significant words of a ticket summary, for finding tickets that look alike. Pure and tested
// against real-looking MSP summaries (words.test.ts). English stop words come from `stopword`; the
// ticket-speak list below adds the words every ticket uses ("not working", "issue", "please").
// Porter stemming (`stemmer`) makes "syncing" meet "sync" and "printers" meet "printer". Numbers are
// kept as typed; product names and codes (FS01, 0x80070005) also count double: they say far more
// about a ticket than "slow" or "laptop".

/** Words every ticket uses; they say nothing about which problem it is. */
const TICKET_SPEAK = [
  'not',
  'no',
  'cant',
  'cannot',
  'wont',
  'dont',
  'doesnt',
  'didnt',
  'isnt',
  'arent',
  'wasnt',
  'will',
  'please',
  'help',
  'urgent',
  'asap',
  'issue',
  'issues',
  'problem',
  'problems',
  'request',
  'requests',
  'ticket',
  'user',
  'users',
  'work',
  'working',
  'works',
  'need',
  'needs',
  'unable',
  're',
  'fw',
  'fwd',
  'hi',
  'hello',
  'thanks',
  'new',
  'when',
  'why',
  'again',
  'anymore',
  'today',
  'yesterday',
  'morning',
  'afternoon',
  'keeps',
  'keep',
  'getting',
  'trying',
  'tried',
  'everyone',
  'someone',
  'something',
  'anything',
  'etc',
  'via',
  'us',
  'im',
  'ive',
  'its',
];

const STOP = new Set([...eng, ...TICKET_SPEAK]);

/**
 * Products and protocols MSP tickets name. Kept unstemmed and weighted double; spelling variants are
 * folded first (ALIASES), so "Wi-Fi" meets "wifi" and "Office 365" meets "M365".
 */
export const PRODUCT_NAMES = new Set([
  'outlook',
  'teams',
  'excel',
  'word',
  'powerpoint',
  'onedrive',
  'sharepoint',
  'exchange',
  'm365',
  'office',
  'windows',
  'macos',
  'iphone',
  'ipad',
  'android',
  'ios',
  'quickbooks',
  'sage',
  'adobe',
  'acrobat',
  'zoom',
  'webex',
  'slack',
  'chrome',
  'edge',
  'firefox',
  'citrix',
  'vmware',
  'hyperv',
  'azure',
  'entra',
  'intune',
  'autopilot',
  'bitlocker',
  'defender',
  'veeam',
  'datto',
  'sonicwall',
  'fortigate',
  'fortinet',
  'meraki',
  'unifi',
  'cisco',
  'vpn',
  'mfa',
  'duo',
  'rdp',
  'dns',
  'dhcp',
  'ssl',
  'smtp',
  'imap',
  'voip',
  'wifi',
  'voicemail',
  'authenticator',
]);

/** Spelling variants folded before splitting into words (applied to lower-cased text). */
const ALIASES: [RegExp, string][] = [
  [/\bwi-?fi\b/g, 'wifi'],
  [/\be-mail/g, 'email'],
  [/\b(?:office|microsoft|ms) ?365\b|\bo365\b/g, 'm365'],
  [/\bhyper-v\b/g, 'hyperv'],
  [/\bone ?drive\b/g, 'onedrive'],
  [/\bshare ?point\b/g, 'sharepoint'],
  [/\bquick ?books\b/g, 'quickbooks'],
  [/\bremote desktop\b/g, 'rdp'],
  [/\bmulti-?factor\b|\b2fa\b/g, 'mfa'],
];

export interface Word {
  /** The matching form: the stem, or the word itself for product names and words with digits. */
  term: string;
  /** The word as typed (lower case), for the CW `contains` search. */
  raw: string;
  /** A product name or a word with a digit: counts double. */
  strong: boolean;
}

function fold(text: string): string {
  let t = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    // "won't" → "wont", "user's" → "users": apostrophes join, they don't split.
    .replace(/['’]/g, '');
  for (const [re, to] of ALIASES) t = t.replace(re, to);
  return t;
}

/** One word → its Word, or undefined when it is a stop word or too short to mean anything. */
export function toWord(token: string): Word | undefined {
  const raw = token.toLowerCase();
  const digit = /\d/.test(raw);
  if (STOP.has(raw)) return undefined;
  if (raw.length < 2) return undefined;
  if (digit && /^\d$/.test(raw)) return undefined; // a lone digit ("2 monitors") is noise
  // Codes (FS01, 0x80070005, H202) and product names say what the ticket is about; a bare number
  // ("100%", "35%", "error 809") is kept but counts as an ordinary word: alone it matches too much.
  if (PRODUCT_NAMES.has(raw) || (digit && /[a-z]/.test(raw))) return { term: raw, raw, strong: true };
  if (digit) return { term: raw, raw, strong: false };
  const term = stemmer(raw);
  if (term.length < 2 || STOP.has(term)) return undefined;
  return { term, raw, strong: false };
}

/** The significant words of a text, first occurrence order, each term once. */
export function significantWords(text: string): Word[] {
  const seen = new Set<string>();
  const out: Word[] = [];
  for (const token of fold(text).split(/[^a-z0-9]+/)) {
    if (!token) continue;
    const w = toWord(token);
    if (!w || seen.has(w.term)) continue;
    seen.add(w.term);
    out.push(w);
  }
  return out;
}

/**
 * What to look for in CW with `summary contains`: the stem when it is a prefix of the word ("sync" for
 * "syncing", which also finds "sync"), else the longest shared beginning ("batter" for "battery" →
 * "batteri"), never shorter than 3 letters. CW compares substrings, case-insensitively.
 */
export function searchTerm(w: Word): string {
  if (w.strong) return w.raw;
  let i = 0;
  while (i < w.term.length && i < w.raw.length && w.term[i] === w.raw[i]) i++;
  return i >= 3 ? w.raw.slice(0, i) : w.raw;
}
