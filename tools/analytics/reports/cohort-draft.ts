/** Turns a retention table into a saved-report draft: cohorts side by side, with confidence. */
import { combine, coverage, exactFit, rateSample } from "../confidence.js";
import type { CohortRow } from "../engine/cohorts.js";
import { pct, plural } from "../format.js";
import type { CohortData } from "./data.js";
import type { ReportDraft } from "./save.js";

export type CohortUnit = "month" | "week";

export function cohortLine(row: CohortRow, unit: CohortUnit): string {
  if (row.size === 0) return `${row.label}: no signups`;
  const cells = row.periods.map((p) => `${unit} ${p.k} ${pct(p.retention)}${p.complete ? "" : " (still running)"}`);
  return `${row.label}: ${plural(row.size, "signup")}; ${cells.length ? cells.join(", ") : `no following ${unit} has begun yet`}`;
}

export function cohortDraft(rows: CohortRow[], unit: CohortUnit, parameters: Record<string, unknown>): ReportDraft & { data: CohortData } {
  const firsts = rows.map((r) => ({ row: r, first: r.periods[0] })).filter((x) => x.first && x.row.size > 0);
  const retained = firsts.reduce((s, x) => s + x.first!.active, 0);
  const members = firsts.reduce((s, x) => s + x.row.size, 0);
  const cells = rows.flatMap((r) => r.periods);
  const elapsed = cells.reduce((s, c) => s + c.elapsed, 0);

  const insights: ReportDraft["insights"] = rows.map((r) => ({
    kind: "cohort",
    text: cohortLine(r, unit),
    cohort: r.start,
    size: r.size,
    retention: r.periods.map((p) => p.retention),
  }));
  if (firsts.length >= 2) {
    const sorted = [...firsts].sort((a, b) => b.first!.retention - a.first!.retention);
    const best = sorted[0]!;
    const worst = sorted[sorted.length - 1]!;
    if (best.first!.retention !== worst.first!.retention) {
      insights.push({
        kind: "comparison",
        text: `${best.row.label} kept ${pct(best.first!.retention)} in its first ${unit} after signup, ${worst.row.label} ${pct(worst.first!.retention)} (${((best.first!.retention - worst.first!.retention) * 100).toFixed(1)} points apart).`,
        best: best.row.start,
        worst: worst.row.start,
      });
    }
  }
  const labels = rows.map((r) => r.label);
  const summary = members
    ? `${unit === "month" ? "Monthly" : "Weekly"} signup cohorts ${labels.join(", ")}: ${pct(retained / members)} of ${members} signups were active in their first ${unit} after signup.`
    : `No signups with a following ${unit} to measure in ${labels.join(", ")}.`;
  const confidence = combine(
    rateSample(retained, members, `signups active in their first ${unit}`),
    exactFit("members and their events"),
    coverage(
      cells.length ? elapsed / cells.length : 0,
      `${(cells.length ? (elapsed / cells.length) * 100 : 0).toFixed(0)}% of the ${cells.length} cohort ${unit}s shown has passed`,
    ),
  );
  return {
    report_type: "cohort",
    title: `Retention of ${unit === "month" ? "monthly" : "weekly"} signup cohorts: ${labels.join(" vs ")}`,
    summary,
    insights,
    confidence,
    parameters,
    data: { granularity: unit, cohorts: rows },
  };
}
