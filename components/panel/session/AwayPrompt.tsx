import { awayQuestion, pendingAway } from '@/lib/session/away';
import { type Session, spansOf } from '@/lib/session/model';
import type { useSession } from './useSession';

// "You were away 14:02–14:47 (45 min). Keep this time / Drop it" (issue 13). Asked once per away
// stretch, oldest first; unanswered, that time is not counted. The answer is saved with the session and
// shows in the documentation's time line.

type Send = ReturnType<typeof useSession>['send'];

export function AwayPrompt({ session, busy, send }: { session: Session; busy: boolean; send: Send }) {
  const [next] = pendingAway(spansOf(session), session.away ?? [], Date.now());
  if (!next) return null;
  const answer = (a: 'keep' | 'drop') =>
    void send('session/away', { sessionId: session.id, awayId: next.id, answer: a });
  return (
    <section class="fp-s-note" aria-label="Away time">
      <p role="status">{awayQuestion(next)} Unanswered, this time is not counted.</p>
      <div class="fp-s-actions">
        <button type="button" class="fp-s-primary" disabled={busy} onClick={() => answer('keep')}>
          Keep this time
        </button>
        <button type="button" disabled={busy} onClick={() => answer('drop')}>
          Drop it
        </button>
      </div>
    </section>
  );
}
