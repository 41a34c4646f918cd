import { BgError } from '@/lib/messages/client';

/** The text to show for a failure: the background's typed message, never "[object Object]". */
export function errorText(e: unknown): string {
  if (e instanceof BgError) return e.info.message;
  if (e instanceof Error && e.message) return e.message;
  if (typeof e === 'string' && e) return e;
  return 'Something went wrong. Try again.';
}
