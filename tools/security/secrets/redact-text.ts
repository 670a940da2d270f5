import { detectSecrets } from "./detect.js";
import type { SecretRuleId } from "./rules.js";

/** FlashFusion's own credentials, which the scanners' rules do not know. */
const OWN_RULES = [
  { id: "flashfusion_api_key", pattern: /(?<![A-Za-z0-9_])ffai_[0-9A-Za-z]{36}(?![A-Za-z0-9_])/g },
  { id: "webhook_signing_secret", pattern: /(?<![A-Za-z0-9_])whsec_[A-Za-z0-9+/]{20,}={0,2}/g },
] as const;

function blockEnd(text: string, from: number): number {
  const footer = /-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g;
  footer.lastIndex = from;
  const m = footer.exec(text);
  return m ? m.index + m[0].length : text.length;
}

export type CredentialKind = Exclude<SecretRuleId, "generic_secret"> | (typeof OWN_RULES)[number]["id"];

export interface RedactedText {
  text: string;
  /** What was taken out, in order: its kind and a masked preview its owner can recognise. */
  removed: { kind: CredentialKind; preview: string }[];
}

/**
 * A message with the credentials in it taken out, before it is stored or shown to a model: the
 * well-known formats (cloud, GitHub, Stripe and Slack tokens, private keys, passwords in URLs,
 * FlashFusion's own keys). Not the scanners' generic `name = value` rule: in a sentence it would
 * take ids and hashes for secrets.
 */
export function redactCredentials(text: string): RedactedText {
  const found: { kind: CredentialKind; preview: string; start: number; end: number }[] = detectSecrets(text, { skip: new Set(["generic_secret"]) }).map((m) => ({
    kind: m.rule as CredentialKind,
    preview: m.preview,
    start: m.start,
    // A private key is found by its header; what goes is the whole block, up to its footer.
    end: m.rule === "private_key" ? blockEnd(text, m.end) : m.end,
  }));
  for (const rule of OWN_RULES) {
    for (const m of text.matchAll(rule.pattern)) {
      const start = m.index;
      const end = start + m[0].length;
      if (!found.some((f) => start < f.end && f.start < end)) found.push({ kind: rule.id, preview: `${m[0].slice(0, 6)}…${m[0].slice(-4)}`, start, end });
    }
  }
  if (!found.length) return { text, removed: [] };
  found.sort((a, b) => a.start - b.start);
  let out = "";
  let at = 0;
  const removed: RedactedText["removed"] = [];
  for (const f of found) {
    if (f.start < at) continue; // inside a private key block already taken out
    removed.push({ kind: f.kind, preview: f.preview });
    // A URL keeps its host with the password masked; anything else is replaced whole.
    out += text.slice(at, f.start) + (f.kind === "url_credentials" ? f.preview : `[${f.kind} removed]`);
    at = f.end;
  }
  return { text: out + text.slice(at), removed };
}
