/** Word matching for help and navigation: lower-case words, plurals folded, filler left out. */

const FILLER = new Set(
  (
    "a an the my our your i me we you do does can could would should how where what which who is are am to of in on at for with about " +
    "manage managing find see get go set up configure change edit open show list help please there it its this that these those and or " +
    "app page place thing things stuff work working"
  ).split(" "),
);

/** "webhooks" → "webhook", "addresses" → "address", "keys" → "key"; short words stay. */
export function singular(word: string): string {
  if (word.length > 4 && /(?:ss|sh|ch|x)es$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith("s") && !/(?:ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

function rawWords(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** The words of a text, lower-case and singular, in order. */
export function wordsOf(text: string): string[] {
  return rawWords(text).map(singular);
}

/** Words around search terms that are not terms: "Grace in my contacts" looks for "grace". */
const CONNECTORS = new Set("a an the my our your in at from for about with of on me any all that".split(" "));

/**
 * The terms of a search, lower-case, without surrounding punctuation, connecting words and the
 * `noise` words that name what is searched ("contacts", "notes"). A query made only of such
 * words is searched as typed.
 */
export function searchTerms(query: string, noise: readonly string[]): string[] {
  const words = query
    .toLowerCase()
    .split(/\s+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}@#]+|[^\p{L}\p{N}]+$/gu, ""))
    .filter(Boolean);
  const terms = words.filter((w) => !CONNECTORS.has(w) && !noise.includes(w));
  return terms.length ? terms : words;
}

/** The words of a request that name a thing, without the filler around them. */
export function significantWords(text: string): string[] {
  return rawWords(text)
    .filter((w) => !FILLER.has(w))
    .map(singular);
}
