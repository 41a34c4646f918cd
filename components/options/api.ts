import { BgError } from '@/lib/messages/client';

/** The text to show for a failure: the background's typed message, never "[object Object]". */
export function errorText(e: unknown): string {
  if (e instanceof BgError) {
    // A refused payload names the schema key ("passphrase: …"); the reader needs only the sentence.
    if (e.info.kind === 'invalidMessage') return e.info.message.replace(/^[\w.]+: /, '');
    return e.info.message;
  }
  if (e instanceof Error && e.message) return e.message;
  if (typeof e === 'string' && e) return e;
  return 'Something went wrong. Try again.';
}
