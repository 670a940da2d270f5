import { describe, expect, it } from "vitest";
import { retentionTable, type Activity, type CohortMember } from "./cohorts.js";

const t = (iso: string) => Date.parse(iso);

describe("retention table", () => {
  it("computes monthly retention by hand-checked cohorts", () => {
    const members: CohortMember[] = [
      ...["j1", "j2", "j3", "j4"].map((id, i) => ({ id, created: t(`2026-01-1${i}T10:00:00Z`) })),
      ...["f1", "f2", "f3", "f4", "f5"].map((id, i) => ({ id, created: t(`2026-02-0${i + 1}T10:00:00Z`) })),
      { id: "dec", created: t("2025-12-20T00:00:00Z") },
    ];
    const activity: Activity[] = [
      { person: "j1", time: t("2026-01-20T00:00:00Z") }, // signup month: not retention
      { person: "j1", time: t("2026-02-02T00:00:00Z") },
      { person: "j1", time: t("2026-02-03T00:00:00Z") }, // same person, same month: once
      { person: "j2", time: t("2026-02-28T23:59:59Z") },
      { person: "j3", time: t("2026-03-01T00:00:00Z") },
      { person: "f1", time: t("2026-03-15T00:00:00Z") },
      { person: "f2", time: t("2026-04-02T00:00:00Z") }, // April, still running
      { person: "f3", time: t("2026-04-06T00:00:00Z") }, // after now: ignored
      { person: "dec", time: t("2026-02-02T00:00:00Z") }, // not in a requested cohort
      { person: "stranger", time: t("2026-02-02T00:00:00Z") },
    ];
    const rows = retentionTable(members, activity, {
      granularity: "month",
      cohorts: [t("2026-01-01T00:00:00Z"), t("2026-02-01T00:00:00Z")],
      maxPeriods: 12,
      now: t("2026-04-05T09:00:00Z"),
    });
    expect(rows.map((r) => [r.label, r.size])).toEqual([["January 2026", 4], ["February 2026", 5]]);
    expect(rows[0]!.periods.map((p) => [p.k, p.active, p.retention, p.complete])).toEqual([
      [1, 2, 0.5, true],
      [2, 1, 0.25, true],
      [3, 0, 0, false],
    ]);
    expect(rows[1]!.periods.map((p) => [p.k, p.active, p.retention, p.complete])).toEqual([
      [1, 1, 0.2, true],
      [2, 1, 0.2, false],
    ]);
    // April is 4 days and 9 hours into its 30 days.
    expect(rows[1]!.periods.map((p) => p.elapsed)).toEqual([1, 105 / 720]);
  });

  it("builds ISO-week cohorts starting on Monday", () => {
    const rows = retentionTable(
      [{ id: "u", created: t("2026-03-04T12:00:00Z") }], // a Wednesday
      [{ person: "u", time: t("2026-03-09T08:00:00Z") }], // the next Monday: week 1
      { granularity: "week", cohorts: [t("2026-03-02T00:00:00Z")], maxPeriods: 4, now: t("2026-03-10T09:00:00Z") },
    );
    expect(rows[0]).toMatchObject({ label: "week of 2026-03-02", size: 1 });
    expect(rows[0]!.periods).toEqual([{ k: 1, start: "2026-03-09T00:00:00.000Z", active: 1, retention: 1, complete: false, elapsed: 33 / 168 }]);
  });
});
