/** What stands in a log for a secret value. */
export const MASK = "***";

export interface SecretMasker {
  /** Masks a chunk; text that could be the start of a secret is held back until the next chunk. */
  write(chunk: string): string;
  /** Everything still held back, masked. */
  end(): string;
}

/**
 * Masks secret values in a stream of text, also when a value is split across chunks: the tail
 * of a chunk that begins some secret is kept until the following chunk shows whether it is one.
 * Every non-empty value is masked, however short: a log must never show one.
 */
export function createMasker(secrets: readonly string[]): SecretMasker {
  const byFirst = new Map<string, string[]>();
  for (const value of [...new Set(secrets)].filter((s) => s.length > 0).sort((a, b) => b.length - a.length)) {
    const list = byFirst.get(value[0]!) ?? [];
    list.push(value);
    byFirst.set(value[0]!, list);
  }
  let pending = "";

  const scan = (text: string, final: boolean): string => {
    let out = "";
    let i = 0;
    outer: while (i < text.length) {
      const candidates = byFirst.get(text[i]!);
      if (candidates) {
        // A longer secret may still be arriving: wait rather than mask a shorter one inside it.
        if (!final) {
          const rest = text.slice(i);
          if (candidates.some((value) => value.length > rest.length && value.startsWith(rest))) {
            pending = rest;
            return out;
          }
        }
        for (const value of candidates) {
          if (text.startsWith(value, i)) {
            out += MASK;
            i += value.length;
            continue outer;
          }
        }
      }
      out += text[i];
      i++;
    }
    pending = "";
    return out;
  };

  return {
    write: (chunk) => (byFirst.size ? scan(pending + chunk, false) : chunk),
    end: () => scan(pending, true),
  };
}

/** Masks a whole text at once. */
export function maskAll(text: string, secrets: readonly string[]): string {
  const masker = createMasker(secrets);
  return masker.write(text) + masker.end();
}
