/**
 * Times written relative to the case's clock: `now`, `now-2h`, `now+3d`, `now-1d+30m`
 * (units s m h d w), and instants compared as instants whatever their spelling.
 */
const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
const RELATIVE = /^now((?:\s*[+-]\s*\d+\s*[smhdw])*)$/;
const OFFSET = /([+-])\s*(\d+)\s*([smhdw])/g;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;
const HAS_ZONE = /(?:Z|[+-]\d{2}:?\d{2})$/i;

/** The instant a relative time string names, or undefined when the string is not one. */
export function resolveRelativeTime(value: string, now: Date): string | undefined {
  const m = RELATIVE.exec(value.trim());
  if (!m) return undefined;
  let t = now.getTime();
  for (const [, sign, amount, unit] of m[1]!.matchAll(OFFSET)) {
    t += (sign === "-" ? -1 : 1) * Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS];
  }
  return new Date(t).toISOString();
}

/** Milliseconds of an ISO 8601 time (or a Date); undefined for anything else. */
export function isoInstant(value: unknown): number | undefined {
  if (value instanceof Date) return value.getTime();
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  if (!ISO_TIME.test(text)) return undefined;
  const withTime = text.length > 10;
  // A time without a zone is in the workspace's zone, which is UTC.
  const t = Date.parse(`${text.replace(" ", "T")}${withTime && !HAS_ZONE.test(text) ? "Z" : ""}`);
  return Number.isNaN(t) ? undefined : t;
}

/** What an expected value in a suite means as an instant: an ISO time or a relative time string. */
export function expectedInstant(value: unknown, now: Date): number | undefined {
  if (typeof value === "string") {
    const relative = resolveRelativeTime(value, now);
    if (relative) return Date.parse(relative);
  }
  return isoInstant(value);
}
