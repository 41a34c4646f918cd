import { readManagedStorage } from '../platform/managed-storage';
import { type ParsedPolicy, parsePolicy } from './parse';

/** The administrator's policy as it is now (read on demand: the browser may change it at any time). */
export async function readPolicy(): Promise<ParsedPolicy> {
  return parsePolicy(await readManagedStorage());
}
