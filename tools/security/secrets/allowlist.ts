import { SECRET_RULE_IDS, type SecretRuleId } from "./rules.js";

/**
 * Which findings in repository files are accepted on purpose. An entry names a path (a glob:
 * `*` within a folder, `**` across folders, `?` one character), optionally a rule and a line;
 * it never names the secret's text, so rotating a key cannot slip past it.
 *
 * A repository lists its entries in `.flashfusion-allowlist` at its root, one a line:
 *
 *   test/fixtures/**                       # every rule, every line under that folder
 *   generic_secret:docs/*.md               # one rule on those files
 *   private_key:test/keys/dummy.pem:1      # one rule on one line of one file
 */
export interface AllowEntry {
  rule?: SecretRuleId;
  path: string;
  line?: number;
}

export const ALLOWLIST_FILE = ".flashfusion-allowlist";

/** Lock files are full of integrity hashes: the generic rule does not apply to them (prefix rules do). */
const GENERIC_EXEMPT = /(^|\/)(package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lock|go\.sum|Cargo\.lock|composer\.lock|poetry\.lock|Pipfile\.lock|Gemfile\.lock)$/;

function globToRegExp(glob: string): RegExp {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === "*" && glob[i + 1] === "*") {
      re += glob[i + 2] === "/" ? "(?:.*/)?" : ".*";
      i += glob[i + 2] === "/" ? 2 : 1;
    } else if (ch === "*") re += "[^/]*";
    else if (ch === "?") re += "[^/]";
    else re += ch.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

export function parseAllowlist(text: string): AllowEntry[] {
  const entries: AllowEntry[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, "").trim();
    if (!line) continue;
    const parts = line.split(":");
    const rule = (SECRET_RULE_IDS as readonly string[]).includes(parts[0]!) ? (parts.shift() as SecretRuleId) : undefined;
    const last = parts.at(-1);
    const lineNo = parts.length > 1 && last && /^\d+$/.test(last) ? Number(parts.pop()) : undefined;
    entries.push({ rule, path: parts.join(":"), line: lineNo });
  }
  return entries;
}

export class Allowlist {
  private readonly compiled: { entry: AllowEntry; re: RegExp }[];

  constructor(entries: readonly AllowEntry[] = []) {
    this.compiled = entries.map((entry) => ({ entry, re: globToRegExp(entry.path) }));
  }

  get size(): number {
    return this.compiled.length;
  }

  /** Rules that do not apply anywhere in this file. */
  rulesSkipped(path: string): Set<SecretRuleId> {
    const skipped = new Set<SecretRuleId>();
    if (GENERIC_EXEMPT.test(path)) skipped.add("generic_secret");
    for (const { entry, re } of this.compiled) {
      if (entry.line !== undefined || !re.test(path)) continue;
      for (const rule of entry.rule ? [entry.rule] : SECRET_RULE_IDS) skipped.add(rule);
    }
    return skipped;
  }

  allows(path: string, rule: SecretRuleId, line: number): boolean {
    return this.compiled.some(
      ({ entry, re }) => re.test(path) && (entry.rule === undefined || entry.rule === rule) && (entry.line === undefined || entry.line === line),
    );
  }
}
