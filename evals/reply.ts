/**
 * How a turn's reply is read (FORMAT.md): typographic quotes and non-breaking spaces are
 * normalised first; `reply_contains` is case-insensitive and ignores commas and `$` on both
 * sides, and a needle that is a number matches a number in the reply equal to it ("10.0"
 * matches "10", "20" matches "20%" but not "2026").
 */
const QUOTES: Record<string, string> = { "\u2018": "'", "\u2019": "'", "\u201C": '"', "\u201D": '"' };
const NUMBER = /^-?\d+(?:\.\d+)?$/;
// A number standing on its own: not part of a word ("exec_1234", "2026"), a hyphenated name
// ("Product-3") or a dotted version ("1.2.3").
const STANDALONE_NUMBER = /(?<![\w.-])-?\d+(?:\.\d+)?(?!\w|\.\d)/g;

export function normalizeReply(text: string): string {
  return text.replace(/[\u2018\u2019\u201C\u201D]/g, (q) => QUOTES[q]!).replace(/[\u00A0\u202F\u2007]/g, " ");
}

function simplify(text: string): string {
  return normalizeReply(text).toLowerCase().replace(/[,$]/g, "");
}

/** The numbers a reply states, read after commas and `$` are dropped. */
export function numbersIn(text: string): number[] {
  return [...simplify(text).matchAll(STANDALONE_NUMBER)].map((m) => Number(m[0]));
}

export function replyContains(reply: string, needle: string): boolean {
  const want = simplify(needle).trim();
  if (NUMBER.test(want)) {
    const n = Number(want);
    return numbersIn(reply).some((x) => Math.abs(x - n) < 1e-9);
  }
  return simplify(reply).includes(want);
}

export function replyMatches(reply: string, pattern: string): boolean {
  return new RegExp(pattern, "i").test(normalizeReply(reply));
}
