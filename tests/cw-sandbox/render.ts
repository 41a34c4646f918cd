// Output shaping: a deep copy without undefined members, with CW's `_info.*_href` links on references.
import type { Obj } from './types.ts';

const REF_HREFS: Record<string, [string, string]> = {
  company: ['company_href', 'company/companies'],
  contact: ['contact_href', 'company/contacts'],
  board: ['board_href', 'service/boards'],
  priority: ['priority_href', 'service/priorities'],
  owner: ['member_href', 'system/members'],
  member: ['member_href', 'system/members'],
  workType: ['workType_href', 'time/workTypes'],
  workRole: ['workRole_href', 'time/workRoles'],
  ticket: ['ticket_href', 'service/tickets'],
};

export function render<T extends Obj>(record: T, apiBase: string, ticketPath = 'service/tickets'): Obj {
  const copy = JSON.parse(JSON.stringify(record)) as Obj;
  for (const [key, [hrefName, refPath]] of Object.entries(REF_HREFS)) {
    const path = key === 'ticket' ? ticketPath : refPath;
    const ref = copy[key] as Obj | undefined;
    if (ref && typeof ref === 'object' && typeof ref.id === 'number') {
      ref._info = { ...(ref._info as Obj | undefined), [hrefName]: `${apiBase}/${path}/${ref.id}` };
    }
  }
  const status = copy.status as Obj | undefined;
  const board = copy.board as Obj | undefined;
  if (
    status &&
    typeof status === 'object' &&
    typeof status.id === 'number' &&
    board &&
    typeof board.id === 'number'
  ) {
    status._info = { status_href: `${apiBase}/service/boards/${board.id}/statuses/${status.id}` };
  }
  return copy;
}
