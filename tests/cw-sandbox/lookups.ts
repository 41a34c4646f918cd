// Resolving reference objects sent in request bodies ({id} / {identifier} / {name}) to records.
import type { BoardStatus, Member, SandboxState } from './types.ts';

export type RefInput = { id?: unknown; identifier?: unknown; name?: unknown };

export function asRef(value: unknown): RefInput | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as RefInput) : undefined;
}

const same = (a: unknown, b: string) => typeof a === 'string' && a.trim().toLowerCase() === b.toLowerCase();

/** By id, else identifier (case-insensitive), else name; undefined when the ref names nothing known. */
function find<T extends { id: number; name?: string; identifier?: string }>(
  items: T[],
  ref: RefInput,
): T | undefined {
  if (ref.id !== undefined && ref.id !== null) return items.find((i) => i.id === ref.id);
  if (ref.identifier !== undefined)
    return items.find((i) => i.identifier !== undefined && same(ref.identifier, i.identifier));
  if (ref.name !== undefined) return items.find((i) => i.name !== undefined && same(ref.name, i.name));
  return undefined;
}

export function refLabel(ref: RefInput | undefined): string {
  if (!ref) return 'null';
  return String(ref.id ?? ref.identifier ?? ref.name ?? JSON.stringify(ref));
}

export function findMember(state: SandboxState, ref: RefInput): Member | undefined {
  if (ref.id !== undefined || ref.identifier !== undefined) return find(state.members, ref);
  if (typeof ref.name === 'string') {
    return state.members.find((m) => same(ref.name, `${m.firstName} ${m.lastName}`));
  }
  return undefined;
}

export const findCompany = (s: SandboxState, ref: RefInput) => find(s.companies, ref);
export const findBoard = (s: SandboxState, ref: RefInput) => find(s.boards, ref);
export const findPriority = (s: SandboxState, ref: RefInput) => find(s.priorities, ref);
export const findWorkType = (s: SandboxState, ref: RefInput) => find(s.workTypes, ref);
export const findWorkRole = (s: SandboxState, ref: RefInput) => find(s.workRoles, ref);

export function findContact(s: SandboxState, ref: RefInput) {
  if (ref.id !== undefined) return s.contacts.find((c) => c.id === ref.id);
  if (typeof ref.name === 'string')
    return s.contacts.find((c) => same(ref.name, `${c.firstName} ${c.lastName}`));
  return undefined;
}

/** A status of the given board, by id or name. */
export function findBoardStatus(s: SandboxState, boardId: number, ref: RefInput): BoardStatus | undefined {
  return find(
    s.statuses.filter((st) => st.board.id === boardId),
    ref,
  );
}
