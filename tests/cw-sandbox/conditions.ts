// Parser and evaluator for CW's `conditions` query language (DG "Conditions" table):
//   summary contains "VPN" AND (status/name = 'New' OR priority/id in (1, 2)) AND lastUpdated > [2026-01-01T00:00:00Z]
// Strings compare case-insensitively, as SQL Server's default collation does.

export class ConditionError extends Error {}

export type Literal =
  | { type: 'string'; value: string }
  | { type: 'number'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'null' }
  | { type: 'date'; value: number; raw: string }
  | { type: 'list'; items: Literal[] };

export type Op =
  | '='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | 'contains'
  | 'like'
  | 'in'
  | 'not contains'
  | 'not like'
  | 'not in';

export type ConditionNode =
  | { kind: 'and' | 'or'; left: ConditionNode; right: ConditionNode }
  | { kind: 'cmp'; field: string; op: Op; value: Literal };

type Token =
  | { t: 'word'; v: string; pos: number }
  | { t: 'string'; v: string; pos: number }
  | { t: 'number'; v: number; pos: number }
  | { t: 'date'; v: number; raw: string; pos: number }
  | { t: 'sym'; v: string; pos: number };

const DATE_RE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"' || c === "'") {
      const start = i++;
      let v = '';
      for (;;) {
        if (i >= input.length) throw new ConditionError(`Unterminated string starting at position ${start}.`);
        const ch = input[i] as string;
        if (ch === '\\' && i + 1 < input.length) {
          const nx = input[i + 1] as string;
          // Only \" \' \\ are escapes; any other backslash stays literal (e.g. DOMAIN\user).
          if (nx === '"' || nx === "'" || nx === '\\') {
            v += nx;
            i += 2;
            continue;
          }
        }
        if (ch === c) {
          i++;
          break;
        }
        v += ch;
        i++;
      }
      tokens.push({ t: 'string', v, pos: start });
    } else if (c === '[') {
      const end = input.indexOf(']', i);
      if (end < 0) throw new ConditionError(`Unterminated date starting at position ${i}.`);
      const raw = input.slice(i + 1, end).trim();
      // No zone means UTC, as CW stores and compares UTC.
      const iso = !raw.includes('T')
        ? `${raw}T00:00:00Z`
        : /(Z|[+-]\d{2}:?\d{2})$/i.test(raw)
          ? raw
          : `${raw}Z`;
      const ms = DATE_RE.test(raw) ? Date.parse(iso) : Number.NaN;
      if (Number.isNaN(ms)) throw new ConditionError(`'${raw}' is not a valid date.`);
      tokens.push({ t: 'date', v: ms, raw, pos: i });
      i = end + 1;
    } else if (/[0-9]/.test(c) || (c === '-' && /[0-9]/.test(input[i + 1] ?? ''))) {
      const m = /^-?\d+(?:\.\d+)?/.exec(input.slice(i));
      tokens.push({ t: 'number', v: Number(m?.[0]), pos: i });
      i += m?.[0].length ?? 1;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_/.]*/.exec(input.slice(i));
      tokens.push({ t: 'word', v: m?.[0] ?? c, pos: i });
      i += m?.[0].length ?? 1;
    } else {
      const two = input.slice(i, i + 2);
      if (two === '!=' || two === '<=' || two === '>=' || two === '<>') {
        tokens.push({ t: 'sym', v: two === '<>' ? '!=' : two, pos: i });
        i += 2;
      } else if ('=<>(),'.includes(c)) {
        tokens.push({ t: 'sym', v: c, pos: i });
        i++;
      } else {
        throw new ConditionError(`Unexpected character '${c}' at position ${i}.`);
      }
    }
  }
  return tokens;
}

const KEYWORDS = new Set(['and', 'or', 'not', 'contains', 'like', 'in', 'true', 'false', 'null']);

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): ConditionNode {
    if (this.tokens.length === 0) throw new ConditionError('Conditions are empty.');
    const node = this.or();
    const extra = this.tokens[this.i];
    if (extra) throw new ConditionError(`Unexpected '${tokenText(extra)}' at position ${extra.pos}.`);
    return node;
  }

  private peekWord(word: string): boolean {
    const t = this.tokens[this.i];
    return t?.t === 'word' && t.v.toLowerCase() === word;
  }

  private peekSym(sym: string): boolean {
    const t = this.tokens[this.i];
    return t?.t === 'sym' && t.v === sym;
  }

  private or(): ConditionNode {
    let left = this.and();
    while (this.peekWord('or')) {
      this.i++;
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): ConditionNode {
    let left = this.term();
    while (this.peekWord('and')) {
      this.i++;
      left = { kind: 'and', left, right: this.term() };
    }
    return left;
  }

  private term(): ConditionNode {
    if (this.peekSym('(')) {
      this.i++;
      const inner = this.or();
      if (!this.peekSym(')')) throw new ConditionError(`Missing ')' ${this.where()}.`);
      this.i++;
      return inner;
    }
    const t = this.tokens[this.i];
    if (t?.t !== 'word' || KEYWORDS.has(t.v.toLowerCase())) {
      throw new ConditionError(`Expected a field name ${this.where()}.`);
    }
    this.i++;
    const op = this.op(t.v);
    const value = op === 'in' || op === 'not in' ? this.list() : this.literal();
    return { kind: 'cmp', field: t.v, op, value };
  }

  private op(field: string): Op {
    const t = this.tokens[this.i];
    if (t?.t === 'sym' && ['=', '!=', '<', '<=', '>', '>='].includes(t.v)) {
      this.i++;
      return t.v as Op;
    }
    if (t?.t === 'word') {
      const w = t.v.toLowerCase();
      if (w === 'contains' || w === 'like' || w === 'in') {
        this.i++;
        return w;
      }
      if (w === 'not') {
        this.i++;
        const n = this.tokens[this.i];
        const nw = n?.t === 'word' ? n.v.toLowerCase() : '';
        if (nw === 'contains' || nw === 'like' || nw === 'in') {
          this.i++;
          return `not ${nw}` as Op;
        }
        throw new ConditionError(`Expected contains, like or in after 'not' ${this.where()}.`);
      }
    }
    throw new ConditionError(`Expected an operator after '${field}' ${this.where()}.`);
  }

  private list(): Literal {
    if (!this.peekSym('(')) throw new ConditionError(`Expected '(' after in ${this.where()}.`);
    this.i++;
    const items: Literal[] = [this.literal()];
    while (this.peekSym(',')) {
      this.i++;
      items.push(this.literal());
    }
    if (!this.peekSym(')')) throw new ConditionError(`Missing ')' ${this.where()}.`);
    this.i++;
    return { type: 'list', items };
  }

  private literal(): Literal {
    const t = this.tokens[this.i];
    if (!t) throw new ConditionError('Expected a value at the end of the conditions.');
    this.i++;
    if (t.t === 'string') return { type: 'string', value: t.v };
    if (t.t === 'number') return { type: 'number', value: t.v };
    if (t.t === 'date') return { type: 'date', value: t.v, raw: t.raw };
    if (t.t === 'word') {
      const w = t.v.toLowerCase();
      if (w === 'true' || w === 'false') return { type: 'bool', value: w === 'true' };
      if (w === 'null') return { type: 'null' };
      throw new ConditionError(`'${t.v}' is not a valid value (strings need quotes) at position ${t.pos}.`);
    }
    throw new ConditionError(`Expected a value, got '${t.v}' at position ${t.pos}.`);
  }

  private where(): string {
    const t = this.tokens[this.i];
    return t ? `at position ${t.pos}` : 'at the end of the conditions';
  }
}

function tokenText(t: Token): string {
  return t.t === 'date' ? `[${t.raw}]` : String(t.v);
}

export function parseConditions(input: string): ConditionNode {
  return new Parser(tokenize(input)).parse();
}

/** Every field path used in the expression (for unknown-field checks). */
export function conditionFields(node: ConditionNode): string[] {
  return node.kind === 'cmp' ? [node.field] : [...conditionFields(node.left), ...conditionFields(node.right)];
}

/** Resolves a field path on a record to its candidate values (arrays are flattened: any match wins). */
export type Resolver = (record: unknown, field: string) => unknown[];

export function evaluate(node: ConditionNode, record: unknown, resolve: Resolver): boolean {
  if (node.kind !== 'cmp') {
    const left = evaluate(node.left, record, resolve);
    if (node.kind === 'and') return left && evaluate(node.right, record, resolve);
    return left || evaluate(node.right, record, resolve);
  }
  const values = resolve(record, node.field);
  const candidates = values.length > 0 ? values : [null];
  const negated = node.op === '!=' || node.op.startsWith('not ');
  const positive = (negated ? (node.op === '!=' ? '=' : node.op.slice(4)) : node.op) as Op;
  const any = candidates.some((v) => compare(v, positive, node.value));
  return negated ? !any : any;
}

function compare(v: unknown, op: Op, lit: Literal): boolean {
  if (op === 'in') return lit.type === 'list' && lit.items.some((item) => compare(v, '=', item));
  if (lit.type === 'list') throw new ConditionError('A list is only allowed after in.');
  if (lit.type === 'null') return op === '=' ? v === null || v === undefined : false;
  if (v === null || v === undefined) {
    // Missing booleans read as false (CW's bit columns default to 0); other nulls match nothing.
    return lit.type === 'bool' && op === '=' ? lit.value === false : false;
  }
  if (op === 'contains' || op === 'like') {
    const text = String(v).toLowerCase();
    const pattern = literalText(lit).toLowerCase();
    if (op === 'contains') return text.includes(pattern);
    const re = pattern
      .split(/[*%]/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*');
    return new RegExp(`^${re}$`, 's').test(text);
  }
  const order = ordering(v, lit);
  if (order === undefined) return false;
  switch (op) {
    case '=':
      return order === 0;
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
    default:
      return false;
  }
}

function literalText(lit: Literal): string {
  switch (lit.type) {
    case 'string':
      return lit.value;
    case 'number':
      return String(lit.value);
    case 'bool':
      return lit.value ? 'true' : 'false';
    case 'date':
      return lit.raw;
    default:
      return '';
  }
}

/** Sign of (value - literal); undefined when they cannot be compared. */
function ordering(v: unknown, lit: Literal): number | undefined {
  if (lit.type === 'date') {
    const ms = typeof v === 'string' ? Date.parse(v) : Number.NaN;
    return Number.isNaN(ms) ? undefined : Math.sign(ms - lit.value);
  }
  if (lit.type === 'number') {
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
    return Number.isNaN(n) ? undefined : Math.sign(n - lit.value);
  }
  if (lit.type === 'bool') {
    const b = typeof v === 'boolean' ? v : String(v).toLowerCase() === 'true';
    return b === lit.value ? 0 : b ? 1 : -1;
  }
  if (lit.type === 'string') {
    if (typeof v === 'number') {
      const n = Number(lit.value);
      return Number.isNaN(n) ? undefined : Math.sign(v - n);
    }
    const a = String(v).toLowerCase();
    const b = lit.value.toLowerCase();
    return a === b ? 0 : a < b ? -1 : 1;
  }
  return undefined;
}
