import { Button } from './Button';

/** Newer/Older paging for index-paged tables (Post History, Activity). */
export function Pager({
  offset,
  pageSize,
  hasMore,
  onOffset,
}: {
  offset: number;
  pageSize: number;
  hasMore: boolean;
  onOffset: (offset: number) => void;
}) {
  return (
    <div class="fp-actions">
      <Button disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - pageSize))}>
        Newer
      </Button>
      <Button disabled={!hasMore} onClick={() => onOffset(offset + pageSize)}>
        Older
      </Button>
    </div>
  );
}
