/**
 * Integer arithmetic for `{{EXPR}}` templates: `+ - * / %` with the usual precedence,
 * parentheses, unary minus, integer literals and named variables (`i`). `/` truncates toward
 * zero. A small recursive-descent parser: suites are data, never code to evaluate.
 *
 *   expr    := term (("+" | "-") term)*
 *   term    := unary (("*" | "/" | "%") unary)*
 *   unary   := ("-" | "+") unary | primary
 *   primary := INTEGER | NAME | "(" expr ")"
 */
export class ArithmeticError extends Error {
  constructor(
    readonly expression: string,
    reason: string,
  ) {
    super(`{{${expression}}}: ${reason}`);
    this.name = "ArithmeticError";
  }
}

type Token = { kind: "int"; value: number } | { kind: "name"; name: string } | { kind: "op"; op: string };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s*(?:(\d+)|([A-Za-z_]\w*)|([-+*/%()]))/y;
  let at = 0;
  while (at < source.length) {
    if (/^\s*$/.test(source.slice(at))) break;
    re.lastIndex = at;
    const m = re.exec(source);
    if (!m) throw new ArithmeticError(source, `unexpected "${source.slice(at).trim()[0]}"`);
    if (m[1] !== undefined) tokens.push({ kind: "int", value: Number(m[1]) });
    else if (m[2] !== undefined) tokens.push({ kind: "name", name: m[2] });
    else tokens.push({ kind: "op", op: m[3]! });
    at = re.lastIndex;
  }
  return tokens;
}

export function evaluate(source: string, variables: Readonly<Record<string, number>>): number {
  const tokens = tokenize(source);
  let pos = 0;
  const fail = (reason: string): never => {
    throw new ArithmeticError(source, reason);
  };
  const peekOp = (...ops: string[]): string | undefined => {
    const t = tokens[pos];
    return t?.kind === "op" && ops.includes(t.op) ? t.op : undefined;
  };

  const expr = (): number => {
    let value = term();
    for (let op = peekOp("+", "-"); op; op = peekOp("+", "-")) {
      pos++;
      const right = term();
      value = op === "+" ? value + right : value - right;
    }
    return value;
  };

  const term = (): number => {
    let value = unary();
    for (let op = peekOp("*", "/", "%"); op; op = peekOp("*", "/", "%")) {
      pos++;
      const right = unary();
      if (op === "*") value *= right;
      else if (right === 0) fail("division by zero");
      else value = op === "/" ? Math.trunc(value / right) : value % right;
    }
    return value;
  };

  const unary = (): number => {
    const op = peekOp("-", "+");
    if (!op) return primary();
    pos++;
    const value = unary();
    return op === "-" ? -value : value;
  };

  const primary = (): number => {
    const t = tokens[pos++];
    if (!t) return fail("the expression ends too early");
    if (t.kind === "int") return t.value;
    if (t.kind === "name") {
      const value = variables[t.name];
      if (value === undefined) fail(`unknown name "${t.name}"; known: ${Object.keys(variables).join(", ") || "none"}`);
      return value!;
    }
    if (t.op !== "(") return fail(`unexpected "${t.op}"`);
    const value = expr();
    if (!peekOp(")")) fail('missing ")"');
    pos++;
    return value;
  };

  if (tokens.length === 0) fail("empty expression");
  const value = expr();
  const rest = tokens[pos];
  if (rest) fail(`unexpected "${rest.kind === "op" ? rest.op : rest.kind === "int" ? rest.value : rest.name}"`);
  // `-0` would print as "0" anyway; keep results plain integers.
  return value === 0 ? 0 : value;
}
