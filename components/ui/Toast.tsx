import { signal } from '@preact/signals';

export interface ToastItem {
  id: number;
  text: string;
  kind: 'success' | 'error' | 'info';
}

export const toasts = signal<ToastItem[]>([]);
let nextId = 1;

/** Shows a short message in the page's live region; it goes away by itself (errors stay longer). */
export function showToast(
  text: string,
  kind: ToastItem['kind'] = 'success',
  ms = kind === 'error' ? 10_000 : 5000,
) {
  const id = nextId++;
  toasts.value = [...toasts.value, { id, text, kind }];
  setTimeout(() => {
    toasts.value = toasts.value.filter((t) => t.id !== id);
  }, ms);
}

export function ToastHost() {
  return (
    <div class="fp-toasts" role="status" aria-live="polite">
      {toasts.value.map((t) => (
        <div key={t.id} class={`fp-toast fp-toast--${t.kind}`}>
          <span>{t.text}</span>
          <button
            type="button"
            class="fp-toast__close"
            aria-label="Dismiss"
            onClick={() => {
              toasts.value = toasts.value.filter((x) => x.id !== t.id);
            }}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
