import { useEffect, useState } from 'preact/hooks';
import { Button } from '@/components/ui/Button';
import { Field, helpId } from '@/components/ui/Field';
import { askFromOptions } from '@/lib/messages/client';
import { CHAT_CAP } from '@/lib/session/chat';
import { errorText } from '../api';
import { settingsVersion } from '../store';

// The "Sessions" section of the FlowPilot tab (issue 13): when time counts as away, and whether the
// assistant's conversations are kept. It sits inside that tab's form, so it has no <form> of its own and
// saves only its own fields through its own button.

export function SessionSettings() {
  const [minutes, setMinutes] = useState('');
  const [keepChats, setKeepChats] = useState(true);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | undefined>();

  const version = settingsVersion.value;
  useEffect(() => {
    askFromOptions('settings/get', {})
      .then((s) => {
        setMinutes(String(s.idleAutoPauseMinutes));
        setKeepChats(s.keepAssistantChats);
      })
      .catch((e) => setResult({ ok: false, text: errorText(e) }));
  }, [version]);

  const save = async () => {
    const n = Number(minutes);
    if (!Number.isInteger(n) || n < 1 || n > 240) {
      setResult({ ok: false, text: 'Away after: enter whole minutes from 1 to 240.' });
      return;
    }
    setBusy(true);
    try {
      await askFromOptions('settings/save', { idleAutoPauseMinutes: n, keepAssistantChats: keepChats });
      setResult({ ok: true, text: 'Session settings saved.' });
    } catch (e) {
      setResult({ ok: false, text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="fp-card" aria-labelledby="fp-sessions-settings-h">
      <h2 id="fp-sessions-settings-h">Sessions</h2>
      <Field
        id="fp-away-after"
        label="Away after (minutes)"
        help="Minutes without keyboard or mouse use anywhere on this computer (or a locked screen) before a running session counts the time as away. When the technician is back, the panel asks whether to keep that time; unanswered, it is not counted."
      >
        <input
          id="fp-away-after"
          type="number"
          min={1}
          max={240}
          step={1}
          value={minutes}
          onInput={(e) => setMinutes(e.currentTarget.value)}
          aria-describedby={helpId('fp-away-after')}
        />
      </Field>
      <div class="fp-check">
        <input
          id="fp-keep-chats"
          type="checkbox"
          checked={keepChats}
          onChange={(e) => setKeepChats(e.currentTarget.checked)}
          aria-describedby={helpId('fp-keep-chats')}
        />
        <div>
          <label for="fp-keep-chats">Keep assistant conversations</label>
          <p class="fp-help" id={helpId('fp-keep-chats')}>
            Save each session’s assistant conversation with the session (the last {CHAT_CAP} messages), so it
            is there again after a reload or a browser restart. Off: a conversation lives only in the open
            panel, and the saved ones are deleted. Conversations never go into the Activity log.
          </p>
        </div>
      </div>
      <div class="fp-actions">
        <Button variant="primary" busy={busy} onClick={() => void save()}>
          Save session settings
        </Button>
      </div>
      {result && (
        <p role={result.ok ? 'status' : 'alert'} class={result.ok ? undefined : 'fp-error'}>
          {result.text}
        </p>
      )}
    </section>
  );
}
