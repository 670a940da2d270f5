/**
 * What each report type keeps in InsightReport.data: enough to answer again and to draw its
 * chart without going back to the rows.
 */
import { z } from "zod";

const Unit = z.enum(["count", "money", "seconds"]);
const Range = z.object({ from: z.string(), to: z.string() });

export const FunnelData = z.object({
  steps: z.array(
    z.object({
      label: z.string(),
      count: z.number().int(),
      step_conversion: z.number(),
      overall_conversion: z.number(),
      drop_off: z.number().int(),
    }),
  ),
  entered: z.number().int(),
  converted: z.number().int(),
  conversion_rate: z.number(),
  conversion_interval_95: z.object({ low: z.number(), high: z.number() }),
  median_time_to_convert_ms: z.number().nullable(),
  period: Range,
  window_days: z.number(),
  forecast_report_id: z.string().nullable(),
});
export type FunnelData = z.infer<typeof FunnelData>;

export const ForecastPointView = z.object({
  start: z.string(),
  value: z.number(),
  lower80: z.number(),
  upper80: z.number(),
  lower95: z.number(),
  upper95: z.number(),
});
export type ForecastPointView = z.infer<typeof ForecastPointView>;

export const ForecastData = z.object({
  metric: z.string(),
  label: z.string(),
  unit: Unit,
  granularity: z.enum(["day", "week"]),
  history: z.array(z.object({ start: z.string(), value: z.number() })),
  forecast: z.array(ForecastPointView),
  model: z.object({
    method: z.literal("holt_linear_trend"),
    alpha: z.number(),
    beta: z.number(),
    level: z.number(),
    trend: z.number(),
    sigma: z.number(),
    sigma_basis: z.string(),
  }),
});
export type ForecastData = z.infer<typeof ForecastData>;

export const AnomalyPoint = z.object({
  time: z.string(),
  value: z.number(),
  entity_id: z.string().nullable(),
  z: z.number(),
});

export const AnomalyData = z.object({
  metric: z.string(),
  label: z.string(),
  unit: Unit,
  entity: z.string().nullable(),
  window: Range,
  reference: Range,
  threshold: z.number(),
  enough_history: z.boolean(),
  median: z.number().nullable(),
  mad: z.number().nullable(),
  method: z.enum(["mad", "mean_ad", "constant"]).nullable(),
  /** The reference points (at most 500, every anomaly kept) for the chart. */
  points: z.array(AnomalyPoint),
  anomalies: z.array(AnomalyPoint.extend({ deviation: z.number(), direction: z.enum(["above", "below"]) })),
});
export type AnomalyData = z.infer<typeof AnomalyData>;

export const CohortData = z.object({
  granularity: z.enum(["month", "week"]),
  cohorts: z.array(
    z.object({
      start: z.string(),
      label: z.string(),
      size: z.number().int(),
      periods: z.array(
        z.object({
          k: z.number().int(),
          start: z.string(),
          active: z.number().int(),
          retention: z.number(),
          complete: z.boolean(),
          elapsed: z.number(),
        }),
      ),
    }),
  ),
});
export type CohortData = z.infer<typeof CohortData>;
