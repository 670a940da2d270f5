/**
 * Secret detection rules. The prefix rules recognise a credential by its documented format
 * alone (no entropy test: a real key can look regular); only the generic rule, which has no
 * format to go by, is gated by entropy and by the name the value is assigned to.
 */
export const SECRET_RULE_IDS = [
  "aws_access_key",
  "aws_secret_key",
  "github_token",
  "stripe_live_key",
  "slack_token",
  "private_key",
  "url_credentials",
  "generic_secret",
] as const;
export type SecretRuleId = (typeof SECRET_RULE_IDS)[number];

export interface PatternRule {
  id: Exclude<SecretRuleId, "generic_secret">;
  /** Global regular expression; the secret is group 1 when the rule has one, else the match. */
  pattern: RegExp;
  /** Further check on a match (e.g. a private key header followed by key material). */
  confirm?: (text: string, match: RegExpExecArray) => boolean;
  /** The masked preview of a match; default: the secret masked. */
  preview?: (match: RegExpExecArray, mask: (secret: string) => string) => string;
}

/** A value that only refers to a secret (`${TOKEN}`, `$TOKEN`, `%TOKEN%`, `{{ secrets.X }}`) is not one. */
export function isReference(value: string): boolean {
  return /^(\$|%|\{\{|<|\*+$)/.test(value) || value.includes("${");
}

export const PATTERN_RULES: readonly PatternRule[] = [
  // AWS access key ids: long-term (AKIA) and temporary (ASIA), 20 upper-case characters.
  { id: "aws_access_key", pattern: /(?<![A-Za-z0-9])((?:AKIA|ASIA)[A-Z0-9]{16})(?![A-Za-z0-9])/g },
  // AWS secret access keys: 40 base64 characters, recognisable only by the name they are assigned to.
  {
    id: "aws_secret_key",
    pattern: /aws_?secret_?(?:access_?)?key["']?\s*(?::=|=>|=|:)\s*["']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/gi,
  },
  // GitHub tokens: classic (ghp_, gho_, ghu_, ghs_, ghr_ + 36) and fine-grained (github_pat_ + 82).
  {
    id: "github_token",
    pattern: /(?<![A-Za-z0-9_])(gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{82})(?![A-Za-z0-9_])/g,
  },
  // Stripe live secret and restricted keys (test-mode keys move no money).
  { id: "stripe_live_key", pattern: /(?<![A-Za-z0-9_])([sr]k_live_[A-Za-z0-9]{24,99})(?![A-Za-z0-9_])/g },
  // Slack bot, user, app, refresh and legacy tokens.
  { id: "slack_token", pattern: /(?<![A-Za-z0-9])(xox[baprse]-[A-Za-z0-9]{10,}(?:-[A-Za-z0-9]+)*)(?![A-Za-z0-9-])/g },
  // A private key block: the header must be followed by key material, so a header quoted in docs is not one.
  {
    id: "private_key",
    pattern: /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY( BLOCK)?-----/g,
    confirm: (text, m) => /[A-Za-z0-9+/=]{40,}/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 400)),
    preview: (m) => `${m[0]} block`,
  },
  // Credentials in a URL's user-info part: a user name and a password before the host.
  {
    id: "url_credentials",
    pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/?#"'`]+:([^\s@/?#"'`]+)@[^\s/?#"'`]+/gi,
    confirm: (_text, m) => !isReference(m[1]!),
    preview: (m, mask) => m[0].replace(`:${m[1]!}@`, `:${mask(m[1]!)}@`),
  },
];

/** Words in a name that say its value is a credential: DB_PASSWORD, apiKey, client-secret. */
const SECRET_WORDS = new Set(["password", "passwd", "pass", "pwd", "passphrase", "secret", "token", "key", "apikey", "credential", "credentials", "auth", "signature", "sig", "dsn"]);
const SECRET_PARTS = ["secret", "token", "passw", "apikey", "credential", "privatekey", "accesskey"];

export function isSecretName(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return words.some((w) => SECRET_WORDS.has(w) || SECRET_PARTS.some((p) => w.includes(p)));
}

/** Thresholds of the generic rule: a token of at least 16 characters and 3.5 bits of entropy per character. */
export const GENERIC_MIN_LENGTH = 16;
export const GENERIC_MIN_ENTROPY = 3.5;
/** Characters of the token alphabets (base64, base64url, hex, and the separators keys use). */
export const TOKEN_CHARS = "A-Za-z0-9+/=_\\-.~";
