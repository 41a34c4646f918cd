import type { Session } from '@/lib/session/model';
import type { TicketContext } from '@/lib/ticket/types';
import type { LaneOpInput } from './types';

export function AiChat(_: {
  session: Session;
  context: TicketContext | undefined;
  onOp: (op: LaneOpInput) => Promise<boolean>;
}) {
  return null;
}
