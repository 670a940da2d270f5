/**
 * Regular time series from dated values.
 *
 * A series has one value per period (UTC day or ISO week), zero where nothing happened. Only
 * complete periods count — a period whose end is after now is left out, so today's partial day
 * never looks like a drop. The series starts at the period of the first observation (there is
 * no history before the data begins), but no earlier than the lookback allows.
 */
import { addPeriods, startOf, type Granularity } from "../time.js";

export interface Dated {
  /** Epoch ms (any time inside the period it belongs to). */
  time: number;
  value: number;
}

export interface Series {
  granularity: Granularity;
  /** Period starts, epoch ms. */
  starts: number[];
  values: number[];
}

export function completeSeries(points: Iterable<Dated>, g: Granularity, options: { now: number; earliest: number }): Series {
  // The first whole period at or after `earliest`.
  const aligned = startOf(options.earliest, g);
  const lower = aligned === options.earliest ? aligned : addPeriods(aligned, g, 1);
  const totals = new Map<number, number>();
  let first = Number.POSITIVE_INFINITY;
  for (const p of points) {
    if (p.time < lower || p.time >= options.now) continue;
    const start = startOf(p.time, g);
    totals.set(start, (totals.get(start) ?? 0) + p.value);
    first = Math.min(first, start);
  }
  const starts: number[] = [];
  const values: number[] = [];
  if (first === Number.POSITIVE_INFINITY) return { granularity: g, starts, values };
  for (let s = first; addPeriods(s, g, 1) <= options.now; s = addPeriods(s, g, 1)) {
    starts.push(s);
    values.push(totals.get(s) ?? 0);
  }
  return { granularity: g, starts, values };
}
