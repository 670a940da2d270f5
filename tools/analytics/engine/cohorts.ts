/**
 * Signup cohorts and retention.
 *
 * A cohort is the Users whose `created_at` falls in one calendar period (a UTC month, or an
 * ISO week starting Monday). Period k of a cohort (k = 1, 2, …) is the k-th period after the
 * signup period. A member is RETAINED in period k when they have any Event in it;
 *
 *   retention(cohort, k) = members with an Event in period k / members
 *
 * Only periods that have begun by now are reported; a period still running is marked
 * incomplete (its share can only grow).
 */
import { addPeriods, periodLabel, periodsBetween, startOf, type Granularity } from "../time.js";

export interface CohortMember {
  id: string;
  /** Signup time, epoch ms. */
  created: number;
}

export interface Activity {
  person: string;
  /** Epoch ms of an Event of that person (any time within the day it stands for is fine). */
  time: number;
}

export interface CohortPeriod {
  k: number;
  start: string;
  active: number;
  retention: number;
  complete: boolean;
  /** Share of the period that has passed (1 when complete). */
  elapsed: number;
}

export interface CohortRow {
  start: string;
  label: string;
  size: number;
  periods: CohortPeriod[];
}

export interface CohortOptions {
  granularity: Granularity;
  /** Period starts (epoch ms) of the cohorts to build, in the order to show them. */
  cohorts: readonly number[];
  /** Most following periods per cohort. */
  maxPeriods: number;
  now: number;
}

export function retentionTable(members: Iterable<CohortMember>, activity: Iterable<Activity>, options: CohortOptions): CohortRow[] {
  const { granularity: g, now, maxPeriods } = options;
  const index = new Map(options.cohorts.map((start, i) => [start, i]));
  const sizes = options.cohorts.map(() => 0);
  const cohortOf = new Map<string, number>();
  for (const m of members) {
    const i = index.get(startOf(m.created, g));
    if (i === undefined) continue;
    cohortOf.set(m.id, i);
    sizes[i]!++;
  }
  const active = options.cohorts.map(() => Array.from({ length: maxPeriods + 1 }, () => new Set<string>()));
  for (const a of activity) {
    const i = cohortOf.get(a.person);
    if (i === undefined || a.time > now) continue;
    const k = periodsBetween(options.cohorts[i]!, startOf(a.time, g), g);
    if (k >= 1 && k <= maxPeriods) active[i]![k]!.add(a.person);
  }
  return options.cohorts.map((start, i) => {
    const periods: CohortPeriod[] = [];
    for (let k = 1; k <= maxPeriods; k++) {
      const from = addPeriods(start, g, k);
      if (from > now) break;
      const to = addPeriods(start, g, k + 1);
      const count = active[i]![k]!.size;
      periods.push({
        k,
        start: new Date(from).toISOString(),
        active: count,
        retention: sizes[i]! > 0 ? count / sizes[i]! : 0,
        complete: to <= now,
        elapsed: Math.min(1, (now - from) / (to - from)),
      });
    }
    return { start: new Date(start).toISOString(), label: periodLabel(start, g), size: sizes[i]!, periods };
  });
}
