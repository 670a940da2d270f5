import { shannonEntropy } from "./entropy.js";
import { maskSecret } from "./mask.js";
import {
  GENERIC_MIN_ENTROPY,
  GENERIC_MIN_LENGTH,
  isReference,
  isSecretName,
  PATTERN_RULES,
  TOKEN_CHARS,
  type SecretRuleId,
} from "./rules.js";

/** A secret found in a text. It carries a masked preview only: the value never leaves this module. */
export interface SecretMatch {
  rule: SecretRuleId;
  /** 1-based line of the text where the secret starts. */
  line: number;
  preview: string;
  start: number;
  end: number;
}

export interface DetectOptions {
  /** The name the text is stored under (an environment variable, a JSON key), for the generic rule. */
  name?: string;
  /** Rules not to apply (an allowlist entry for this path). */
  skip?: ReadonlySet<SecretRuleId>;
}

const TOKEN = `[${TOKEN_CHARS}]{${GENERIC_MIN_LENGTH},}`;
/** `NAME=value`, `name: value`, `"name": "value"`, `name := value`, `name => value`. */
const ASSIGNMENT = new RegExp(`([A-Za-z_][A-Za-z0-9_.-]*)["']?\\s*(?::=|=>|=|:)\\s*["']?(${TOKEN})`, "g");
/** `--token value`, `--password=value`. */
const FLAG = new RegExp(`(?:^|\\s)--?([A-Za-z][A-Za-z0-9-]*)(?:=|\\s+)["']?(${TOKEN})`, "g");
/** `Authorization: Bearer value`. */
const AUTH_HEADER = new RegExp(`\\b(?:Bearer|Basic|token)\\s+(${TOKEN})`, "gi");

/** Whether a value assigned to a secret-sounding name looks like a generated credential. */
export function looksGenerated(value: string): boolean {
  if (value.length < GENERIC_MIN_LENGTH || isReference(value)) return false;
  if (/^(\.{0,2}\/|~\/)/.test(value)) return false;
  if (!/[0-9]/.test(value) || !/[A-Za-z]/.test(value)) return false;
  return shannonEntropy(value) >= GENERIC_MIN_ENTROPY;
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < index; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

function overlaps(found: readonly SecretMatch[], start: number, end: number): boolean {
  return found.some((f) => start < f.end && end > f.start);
}

function genericMatches(text: string, options: DetectOptions, found: SecretMatch[]): void {
  const add = (value: string, start: number) => {
    const end = start + value.length;
    if (!looksGenerated(value) || overlaps(found, start, end)) return;
    found.push({ rule: "generic_secret", line: lineAt(text, start), preview: maskSecret(value), start, end });
  };
  const whole = text.trim().replace(/^["']|["']$/g, "");
  if (options.name && isSecretName(options.name) && new RegExp(`^${TOKEN}$`).test(whole)) {
    add(whole, text.indexOf(whole));
  }
  for (const re of [ASSIGNMENT, FLAG]) {
    for (const m of text.matchAll(re)) {
      if (!isSecretName(m[1]!)) continue;
      add(m[2]!, m.index! + m[0].length - m[2]!.length);
    }
  }
  for (const m of text.matchAll(AUTH_HEADER)) add(m[1]!, m.index! + m[0].length - m[1]!.length);
}

/**
 * Finds the secrets in a text: every prefix rule, then the generic rule for credentials
 * assigned to secret-sounding names. Matches are ordered by position and never overlap.
 */
export function detectSecrets(text: string, options: DetectOptions = {}): SecretMatch[] {
  const found: SecretMatch[] = [];
  for (const rule of PATTERN_RULES) {
    if (options.skip?.has(rule.id)) continue;
    for (const m of text.matchAll(rule.pattern)) {
      if (rule.confirm && !rule.confirm(text, m as RegExpExecArray)) continue;
      const start = m.index!;
      const end = start + m[0].length;
      if (overlaps(found, start, end)) continue;
      const preview = rule.preview ? rule.preview(m as RegExpExecArray, maskSecret) : maskSecret(m[1] ?? m[0]);
      found.push({ rule: rule.id, line: lineAt(text, start), preview, start, end });
    }
  }
  if (!options.skip?.has("generic_secret")) genericMatches(text, options, found);
  return found.sort((a, b) => a.start - b.start);
}
