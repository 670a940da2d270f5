/**
 * The period an analysis covers, from what the person said:
 *
 *   - `to` given            from `from` (or the month, or `period_days` before `to`) to `to`
 *   - `from` given          from `from` up to now
 *   - `month` given         that month (the most recent one that has begun), up to now at most
 *   - otherwise             the `period_days` (default 7: "weekly", "this week") up to now
 *
 * A date without a time means the whole day: from its start, or to its end. A `from` that is
 * the first day of the named month adds nothing to the month (it is how "in March" reads as a
 * date, in whichever year a date reader picks) and the month wins.
 */
import { invalid } from "../errors.js";
import { DAY_MS, latestMonth, readableTime, rolling, type MonthName, type TimeRange } from "./time.js";

export interface PeriodInput {
  period_days?: number;
  month?: MonthName;
  from?: string;
  to?: string;
}

export interface Period {
  range: TimeRange;
  label: string;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** The first day of the named month in any year ("March" read as a date, even a future one). */
function isFirstOfMonth(t: number, monthStart: number): boolean {
  const d = new Date(t);
  return d.getUTCDate() === 1 && d.getUTCMonth() === new Date(monthStart).getUTCMonth();
}

function parseTime(text: string, side: "start" | "end", field: "from" | "to"): number {
  const t = Date.parse(DATE_ONLY.test(text) ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(t)) throw invalid(`I could not read "${text}" as a date; use a date such as 2026-03-01`, { field });
  return DATE_ONLY.test(text) && side === "end" ? t + DAY_MS : t;
}

export function resolvePeriod(input: PeriodInput, now: number, defaultDays = 7): Period {
  const monthStart = input.month ? latestMonth(input.month, now) : undefined;
  let from = input.from !== undefined ? parseTime(input.from, "start", "from") : undefined;
  if (from !== undefined && monthStart !== undefined && input.to === undefined && isFirstOfMonth(from, monthStart)) from = undefined;

  let range: TimeRange;
  let label: string;
  if (input.to !== undefined) {
    const end = Math.min(parseTime(input.to, "end", "to"), now);
    const start = from ?? monthStart ?? end - (input.period_days ?? defaultDays) * DAY_MS;
    range = { start, end, bounds: end === now ? "[]" : "[)" };
    label = `${readableTime(start)} to ${readableTime(end)}`;
  } else if (from !== undefined) {
    range = { start: from, end: now, bounds: "[]" };
    label = `${readableTime(from)} up to now`;
  } else if (monthStart !== undefined) {
    const next = new Date(monthStart);
    next.setUTCMonth(next.getUTCMonth() + 1);
    const end = Math.min(next.getTime(), now);
    range = { start: monthStart, end, bounds: end === now ? "[]" : "[)" };
    const name = `${input.month![0]!.toUpperCase()}${input.month!.slice(1)} ${new Date(monthStart).getUTCFullYear()}`;
    label = end === now ? `${name} up to now` : name;
  } else {
    const days = input.period_days ?? defaultDays;
    range = rolling(now, days * DAY_MS);
    label = `the ${days === 1 ? "day" : `${Number(days.toFixed(2))} days`} up to ${readableTime(now)}`;
  }
  if (range.start >= range.end) {
    throw invalid(`The period ${label} is empty: it must start before it ends and before now`, { field: input.from ? "from" : "to" });
  }
  return { range, label };
}
