/** Small text helpers shared by the productivity tools' runs and replies. */

/** Characters as people (and tweet limits) count them: code points, not UTF-16 units. */
export function charCount(text: string): number {
  return [...text].length;
}

/**
 * Shortens text to at most `max` characters, cutting at the last word boundary that fits and
 * marking the cut with an ellipsis. Text that already fits comes back unchanged.
 */
export function truncateOnWord(text: string, max: number): string {
  if (charCount(text) <= max) return text;
  const chars = [...text];
  const head = chars.slice(0, max - 1).join("");
  // The head ends on a boundary when the next character is a space; otherwise drop the cut word.
  const endsOnBoundary = /\s/.test(chars[max - 1] ?? "");
  const boundary = endsOnBoundary ? head.length : head.search(/\s+\S*$/);
  const cut = boundary > 0 ? head.slice(0, boundary) : head;
  return `${cut.replace(/[\s,;:.!?-]+$/u, "")}…`;
}

/** `#a11y`, `#Launch-2026` → `a11y`, `launch-2026`: lower-case, each tag once, in order of appearance. */
export function hashtagsOf(text: string): string[] {
  const tags = new Set<string>();
  for (const m of text.matchAll(/(?:^|[^\p{L}\p{N}_&#/])#([\p{L}\p{N}_][\p{L}\p{N}_-]*)/gu)) {
    tags.add(m[1]!.replace(/-+$/, "").toLowerCase());
  }
  return [...tags];
}

/** A tag as people type it ("#A11y", "a11y") in the form notes store it. */
export function normalizeTag(tag: string): string {
  return tag.trim().replace(/^#+/, "").toLowerCase();
}

/**
 * Text a person stored (a note, a draft line), quoted and escaped on one line so that a reply
 * shows it as data: whatever it says, it reads as a quotation, never as the assistant's words.
 */
export function quoted(text: string): string {
  return JSON.stringify(text);
}

/** Longer stored text (a draft body) as a block quote, one `> ` per line. */
export function blockQuote(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => (line ? `> ${line}` : ">"))
    .join("\n");
}

/** `2026-03-13T09:00:00.000Z` → `2026-03-13 09:00 UTC` (the workspace time zone is UTC). */
export function formatTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Collapses runs of white space and trims. */
export function squash(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** Upper-cases the first letter. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
