// Setup tables of the seed: boards, board statuses, priorities, work types and work roles.
import { cwDate, DAY } from './dates.ts';
import { SEED_NOW, STATUS_NAMES } from './seed-constants.ts';
import type { Board, BoardStatus, Priority, PriorityRef, StatusRef, WorkRole, WorkType } from './types.ts';

const info = () => ({ lastUpdated: cwDate(SEED_NOW - 200 * DAY), updatedBy: 'mgarcia' });

export function seedBoards(): Board[] {
  const location = { id: 1, name: 'Tampa Office' };
  return [
    {
      id: 1,
      name: 'Help Desk',
      location,
      department: { id: 10, name: 'Service' },
      inactiveFlag: false,
      projectFlag: false,
    },
    {
      id: 2,
      name: 'Escalations',
      location,
      department: { id: 10, name: 'Service' },
      inactiveFlag: false,
      projectFlag: false,
    },
    {
      id: 3,
      name: 'Professional Services',
      location,
      department: { id: 20, name: 'Projects' },
      inactiveFlag: false,
      projectFlag: true,
    },
  ].map((b) => ({
    ...b,
    workRole: { id: 1, name: 'Engineer' },
    workType: { id: 1, name: 'Remote Support' },
    _info: info(),
  }));
}

const ESCALATION: BoardStatus['escalationStatus'][] = [
  'NotResponded',
  'Responded',
  'NoEscalation',
  'ResolutionPlan',
  'Resolved',
  'Resolved',
];

export function seedStatuses(boards: Board[]): BoardStatus[] {
  return boards.flatMap((board) =>
    STATUS_NAMES.map((name, i) => ({
      id: board.id * 100 + i + 1,
      name,
      board: { id: board.id, name: board.name },
      sortOrder: i,
      displayOnBoard: name !== 'Closed',
      inactive: false,
      // "Resolved" is an open status (the customer may still answer); only "Closed" closes the ticket.
      closedStatus: name === 'Closed',
      timeEntryNotAllowed: name === 'Closed',
      defaultFlag: name === 'New',
      escalationStatus: ESCALATION[i] ?? 'NoEscalation',
      customerPortalFlag: true,
      _info: info(),
    })),
  );
}

export function statusRef(s: BoardStatus): StatusRef {
  return { id: s.id, name: s.name, sort: s.sortOrder };
}

export function seedPriorities(): Priority[] {
  const rows: [string, string, Priority['level']][] = [
    ['Priority 1 - Emergency', 'Red', 'Critical'],
    ['Priority 2 - Quick Response', 'Orange', 'High'],
    ['Priority 3 - Normal Response', 'Yellow', 'Medium'],
    ['Priority 4 - Low', 'Green', 'Low'],
  ];
  return rows.map(([name, color, level], i) => ({
    id: i + 1,
    name,
    color,
    sortOrder: i + 1,
    defaultFlag: i === 2,
    level,
    _info: info(),
  }));
}

export function priorityRef(p: Priority): PriorityRef {
  return { id: p.id, name: p.name, sort: p.sortOrder, level: p.level };
}

export function seedWorkTypes(): WorkType[] {
  const rows: [string, number][] = [
    ['Remote Support', 1],
    ['Onsite', 1],
    ['After Hours', 1.5],
  ];
  return rows.map(([name, rate], i) => ({
    id: i + 1,
    name,
    billTime: 'Billable',
    rateType: 'Multiplier',
    rate,
    inactiveFlag: false,
    overallDefaultFlag: i === 0,
    utilizationFlag: true,
    _info: info(),
  }));
}

export function seedWorkRoles(): WorkRole[] {
  return [
    { id: 1, name: 'Engineer', hourlyRate: 150, inactiveFlag: false, _info: info() },
    { id: 2, name: 'Help Desk Tech', hourlyRate: 95, inactiveFlag: false, _info: info() },
  ];
}
