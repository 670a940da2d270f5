import type { Entities } from "../../../entities/index.js";
import { AnomalyData, CohortData, ForecastData, FunnelData } from "../reports/data.js";
import { anomalyChart } from "./anomaly-chart.js";
import { cohortChart } from "./cohort-chart.js";
import { forecastChart } from "./forecast-chart.js";
import { funnelChart } from "./funnel-chart.js";

/**
 * The SVG picture of a saved report, drawn from its `data` alone; null when the data does not
 * have the shape its type needs (a report written by something else) or there is nothing to draw.
 */
export function renderReportChart(report: Pick<Entities["InsightReport"], "report_type" | "title" | "data">): string | null {
  const { title, data } = report;
  switch (report.report_type) {
    case "funnel": {
      const parsed = FunnelData.safeParse(data);
      return parsed.success && parsed.data.steps.length ? funnelChart(title, parsed.data) : null;
    }
    case "forecast": {
      const parsed = ForecastData.safeParse(data);
      return parsed.success && parsed.data.history.length ? forecastChart(title, parsed.data) : null;
    }
    case "anomaly": {
      const parsed = AnomalyData.safeParse(data);
      return parsed.success ? anomalyChart(title, parsed.data) : null;
    }
    case "cohort": {
      const parsed = CohortData.safeParse(data);
      return parsed.success && parsed.data.cohorts.length ? cohortChart(title, parsed.data) : null;
    }
  }
}
