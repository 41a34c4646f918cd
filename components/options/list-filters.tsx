// Filter fields and export buttons shared by the options page's lists (Post History, Sessions,
// Activity): the same labels, input kinds and order everywhere, written once.
import { Button } from '@/components/ui/Button';

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
          inputMode="numeric"
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
