import type { AnyPublicConnection } from '@/lib/messages/options-to-bg';

// The options page's words for the connected PSA's people and API account: ConnectWise keeps the
// wording it always had; Autotask says "resource" and "API user" (issue 15).

export interface PsaWords {
  name: string;
  /** Table column and headings: "ConnectWise member" / "Autotask resource". */
  person: string;
  /** Short plural in running text: "CW members" / "Autotask resources". */
  people: string;
  /** "members" / "resources" (placeholders). */
  peopleShort: string;
  apiAccount: string;
  /** Which emails Auto-Match compares. */
  matchedEmails: string;
}

const WORDS: Record<'connectwise' | 'autotask', PsaWords> = {
  connectwise: {
    name: 'ConnectWise',
    person: 'ConnectWise member',
    people: 'CW members',
    peopleShort: 'members',
    apiAccount: 'API member',
    matchedEmails: 'the primary and office emails of active CW members',
  },
  autotask: {
    name: 'Autotask',
    person: 'Autotask resource',
    people: 'Autotask resources',
    peopleShort: 'resources',
    apiAccount: 'API user',
    matchedEmails: 'the email, email2 and email3 of active Autotask resources',
  },
};

export function psaWords(c: AnyPublicConnection | null | undefined): PsaWords {
  return WORDS[c?.psa === 'autotask' ? 'autotask' : 'connectwise'];
}
