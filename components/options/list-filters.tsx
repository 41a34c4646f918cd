// Filter fields and export buttons shared by the options page's lists (Post History, Sessions,
// Activity): the same labels, input kinds and order everywhere, written once.
import { useRef, useState } from 'preact/hooks';
import { Button } from '@/components/ui/Button';
import { showToast } from '@/components/ui/Toast';
import { createLatest } from '@/lib/ui/latest';
import { errorText } from './api';
import { download } from './history/download';

/** A list's filter and page offset: any filter change goes back to the first page. */
export function useListFilter<F extends object>(initial: F) {
  const [filter, setFilter] = useState<F>(initial);
  const [offset, setOffset] = useState(0);
  const set = (patch: Partial<F>) => {
    setOffset(0);
    setFilter({ ...filter, ...patch });
  };
  return { filter, set, offset, setOffset };
}

/** Asks the background for an export file and saves it; a failure becomes a toast. */
export async function saveExport(ask: () => Promise<{ filename: string; mime: string; content: string }>) {
  try {
    const f = await ask();
    download(f.filename, f.mime, f.content);
  } catch (e) {
    showToast(errorText(e), 'error');
  }
}

/** Ticket number, From and To dates: the fields Post History and Sessions filter on alike. */
export function TicketAndDates({
  value,
  set,
}: {
  value: { ticket: string; from: string; to: string };
  set: (patch: Partial<{ ticket: string; from: string; to: string }>) => void;
}) {
  return (
    <>
      <label>
        Ticket{' '}
        <input
          type="text"
          size={8}
          value={value.ticket}
          onChange={(e) => set({ ticket: e.currentTarget.value })}
        />
      </label>{' '}
      <label>
        From <input type="date" value={value.from} onChange={(e) => set({ from: e.currentTarget.value })} />
      </label>{' '}
      <label>
        To <input type="date" value={value.to} onChange={(e) => set({ to: e.currentTarget.value })} />
      </label>{' '}
    </>
  );
}

export function ExportButtons({ exportAs }: { exportAs: (format: 'csv' | 'json') => Promise<void> }) {
  return (
    <>
      <Button onClick={() => void exportAs('csv')}>Export CSV</Button>{' '}
      <Button onClick={() => void exportAs('json')}>Export JSON</Button>
    </>
  );
}

/** A token per list request; an answer whose token is not the newest is dropped (lib/ui/latest.ts). */
export function useLatest(): () => () => boolean {
  return useRef(createLatest()).current;
}
