/**
 * UTC calendar arithmetic for the analytics engine. Every period is UTC (the workspace time
 * zone is UTC); weeks start on Monday (ISO 8601).
 */
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;

export type Granularity = "day" | "week" | "month";

/**
 * A stretch of time in epoch milliseconds. Calendar periods include their start and exclude
 * their end (`[)`); rolling windows such as "the last 48h" are (now − span, now] (`(]`); a
 * period that runs up to now includes both ends (`[]`).
 */
export interface TimeRange {
  start: number;
  end: number;
  bounds: "[)" | "(]" | "[]";
}

export function rolling(now: number, spanMs: number): TimeRange {
  return { start: now - spanMs, end: now, bounds: "(]" };
}

export function within(range: TimeRange, t: number): boolean {
  const afterStart = range.bounds === "(]" ? t > range.start : t >= range.start;
  const beforeEnd = range.bounds === "[)" ? t < range.end : t <= range.end;
  return afterStart && beforeEnd;
}

export function startOf(t: number, g: Granularity): number {
  const d = new Date(t);
  if (g === "month") return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  if (g === "day") return day;
  const sinceMonday = (d.getUTCDay() + 6) % 7;
  return day - sinceMonday * DAY_MS;
}

export function addPeriods(t: number, g: Granularity, n: number): number {
  if (g === "day") return t + n * DAY_MS;
  if (g === "week") return t + n * WEEK_MS;
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes());
}

/** Whole periods between two period starts (b − a). */
export function periodsBetween(a: number, b: number, g: Granularity): number {
  if (g === "month") {
    const da = new Date(a);
    const db = new Date(b);
    return (db.getUTCFullYear() - da.getUTCFullYear()) * 12 + db.getUTCMonth() - da.getUTCMonth();
  }
  return Math.round((b - a) / (g === "day" ? DAY_MS : WEEK_MS));
}

export function isoDay(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

export function isoTime(t: number): string {
  return new Date(t).toISOString();
}

export const MONTH_NAMES = [
  "january", "february", "march", "april", "may", "june",
  "july", "august", "september", "october", "november", "december",
] as const;
export type MonthName = (typeof MONTH_NAMES)[number];

/** "jan" → "january", for the enum aliases of month fields. */
export const MONTH_ALIASES: Readonly<Record<string, MonthName>> = Object.fromEntries(
  MONTH_NAMES.flatMap((m) => (m === "may" ? [] : [[m.slice(0, 3), m], ...(m === "september" ? [["sept", m]] : [])])),
) as Record<string, MonthName>;

/** The start of the most recent month of that name that has begun by `now`. */
export function latestMonth(name: MonthName, now: number): number {
  const index = MONTH_NAMES.indexOf(name);
  const d = new Date(now);
  const year = index <= d.getUTCMonth() ? d.getUTCFullYear() : d.getUTCFullYear() - 1;
  return Date.UTC(year, index, 1);
}

/** "January 2026", "week of 2026-03-02", "2026-03-09". */
export function periodLabel(start: number, g: Granularity): string {
  const d = new Date(start);
  if (g === "month") {
    const name = MONTH_NAMES[d.getUTCMonth()]!;
    return `${name[0]!.toUpperCase()}${name.slice(1)} ${d.getUTCFullYear()}`;
  }
  return g === "week" ? `week of ${isoDay(start)}` : isoDay(start);
}

/** "2026-03-09 13:30 UTC". */
export function readableTime(t: number): string {
  const iso = new Date(t).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
