const REDACTED = "[redacted]";

/**
 * The text with every occurrence of a secret replaced. Providers echo keys in their error
 * messages ("Incorrect API key provided: sk-…"); nothing we log or answer may carry one.
 */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join(REDACTED);
  return out;
}

/** A JSON-safe copy of a value with every secret replaced in its strings, at any depth. */
export function redactValue<T>(value: T, secrets: readonly string[]): T {
  if (value === undefined || secrets.length === 0) return value;
  return JSON.parse(redactText(JSON.stringify(value) ?? "null", secrets.map((s) => JSON.stringify(s).slice(1, -1)))) as T;
}

/** What a person may see of a key: its kind and last four characters (`sk-…3f9a`). */
export function keyPreview(key: string): string {
  const kind = /^(sk-ant-|sk-proj-|sk-)/.exec(key)?.[1] ?? "";
  // A short key would give away too much of itself.
  return `${kind}…${key.length >= 12 ? key.slice(-4) : ""}`;
}
