import type { Entities } from "../../../../entities/index.js";
import { mean, percentile, round1, trendOf, type Trend } from "./stats.js";

type Run = Entities["PipelineRun"];

export interface DurationStats {
  avg_seconds: number;
  p50_seconds: number;
  p95_seconds: number;
  min_seconds: number;
  max_seconds: number;
  trend: Trend;
}

export interface StepProfile extends DurationStats {
  name: string;
  runs: number;
  /** The step's share of a run's time (its average over the sum of the steps' averages). */
  share: number;
}

export interface PipelineProfile {
  runs: number;
  /** Whether only successful runs were measured (failed runs stop early and would skew the numbers). */
  successful_only: boolean;
  from: string | null;
  to: string | null;
  total: DurationStats;
  steps: StepProfile[];
  bottleneck: string | null;
}

function stats(oldestFirst: readonly number[]): DurationStats {
  return {
    avg_seconds: round1(mean(oldestFirst)),
    p50_seconds: round1(percentile(oldestFirst, 50)),
    p95_seconds: round1(percentile(oldestFirst, 95)),
    min_seconds: round1(Math.min(...oldestFirst)),
    max_seconds: round1(Math.max(...oldestFirst)),
    trend: trendOf(oldestFirst),
  };
}

const timeOf = (r: Run) => r.started_at ?? r.created_at;
const stepSeconds = (r: Run) => r.steps.map((s) => s.duration_seconds).filter((d): d is number => typeof d === "number");

/**
 * Per-step and whole-run duration statistics over the most recent `limit` finished runs
 * (successful ones when there are any), oldest first for the trend.
 */
export function profileRuns(all: readonly Run[], limit: number): PipelineProfile | null {
  const finished = all.filter((r) => (r.status === "success" || r.status === "failed") && stepSeconds(r).length > 0);
  const successful = finished.filter((r) => r.status === "success");
  const pool = successful.length ? successful : finished;
  const recent = [...pool].sort((a, b) => timeOf(b).localeCompare(timeOf(a)) || b.number - a.number).slice(0, limit).reverse();
  if (!recent.length) return null;
  const totals = recent.map((r) => r.duration_seconds ?? stepSeconds(r).reduce((a, b) => a + b, 0));
  const names: string[] = [];
  for (const r of recent) for (const s of r.steps) if (!names.includes(s.name)) names.push(s.name);
  const perStep = names.map((name) => {
    const xs = recent.map((r) => r.steps.find((s) => s.name === name)?.duration_seconds).filter((d): d is number => typeof d === "number");
    return { name, xs };
  }).filter((s) => s.xs.length > 0);
  const sumOfAverages = perStep.reduce((a, s) => a + mean(s.xs), 0);
  const steps: StepProfile[] = perStep.map(({ name, xs }) => ({
    name,
    runs: xs.length,
    share: sumOfAverages > 0 ? Math.round((mean(xs) / sumOfAverages) * 1000) / 1000 : 0,
    ...stats(xs),
  }));
  const bottleneck = [...steps].sort((a, b) => b.avg_seconds - a.avg_seconds)[0]?.name ?? null;
  return {
    runs: recent.length,
    successful_only: successful.length > 0,
    from: timeOf(recent[0]!),
    to: timeOf(recent.at(-1)!),
    total: stats(totals),
    steps,
    bottleneck,
  };
}
