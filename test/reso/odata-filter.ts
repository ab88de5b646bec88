// The part of OData 4.0's $filter grammar a RESO Web API Core server must take (RESO Web API
// Core 2.0.0, "Query support": eq, ne, gt, ge, lt, le, and, or, not, parentheses; string,
// number and DateTimeOffset literals), parsed into a predicate over a record. Test server only.

type Predicate = (record: Record<string, unknown>) => boolean;

const TOKEN =
  /\s*(\(|\)|'(?:[^']|'')*'|[A-Za-z_][A-Za-z0-9_]*|\d{4}-\d\d-\d\dT[\d:.]+(?:Z|[+-]\d\d:\d\d)|-?\d+(?:\.\d+)?)/y;

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const match = TOKEN.exec(text);
    if (match === null)
      throw new Error(`$filter: cannot read "${text.slice(TOKEN.lastIndex, TOKEN.lastIndex + 20)}"`);
    tokens.push(match[1] as string);
  }
  return tokens;
}

function literal(token: string): unknown {
  if (token.startsWith("'")) return token.slice(1, -1).replaceAll("''", "'");
  if (/^\d{4}-\d\d-\d\dT/.test(token)) return Date.parse(token);
  if (token === 'null') return null;
  if (token === 'true' || token === 'false') return token === 'true';
  const n = Number(token);
  if (Number.isNaN(n)) throw new Error(`$filter: "${token}" is not a value`);
  return n;
}

function comparable(value: unknown): unknown {
  return typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value) ? Date.parse(value) : value;
}

export function parseFilter(text: string): Predicate {
  const tokens = tokenize(text);
  let at = 0;
  const peek = () => tokens[at];
  const next = () => tokens[at++] ?? '';

  function expr(): Predicate {
    let left = term();
    while (peek() === 'or') {
      next();
      const right = term();
      const l = left;
      left = (r) => l(r) || right(r);
    }
    return left;
  }
  function term(): Predicate {
    let left = factor();
    while (peek() === 'and') {
      next();
      const right = factor();
      const l = left;
      left = (r) => l(r) && right(r);
    }
    return left;
  }
  function factor(): Predicate {
    if (peek() === 'not') {
      next();
      const inner = factor();
      return (r) => !inner(r);
    }
    if (peek() === '(') {
      next();
      const inner = expr();
      if (next() !== ')') throw new Error('$filter: missing )');
      return inner;
    }
    const field = next();
    const op = next();
    const value = literal(next());
    const compare = (a: unknown): number | null => {
      const left = comparable(a) as number | string | null | undefined;
      if (left === undefined || left === null || value === null) return null;
      const right = value as number | string;
      return left < right ? -1 : left > right ? 1 : 0;
    };
    const ops: Record<string, (r: Record<string, unknown>) => boolean> = {
      eq: (r) => comparable(r[field]) === value,
      ne: (r) => comparable(r[field]) !== value,
      gt: (r) => (compare(r[field]) ?? -2) > 0,
      ge: (r) => (compare(r[field]) ?? -2) >= 0,
      lt: (r) => (compare(r[field]) ?? 2) < 0,
      le: (r) => (compare(r[field]) ?? 2) <= 0,
    };
    const predicate = ops[op];
    if (predicate === undefined) throw new Error(`$filter: unknown operator "${op}"`);
    return predicate;
  }

  const predicate = expr();
  if (at !== tokens.length) throw new Error(`$filter: unexpected "${tokens[at] ?? ''}"`);
  return predicate;
}
