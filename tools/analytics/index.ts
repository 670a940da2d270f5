import type { AnyTool } from "../define.js";
import type { ServiceFactory } from "../services.js";
import { analyzeFunnel } from "./analyze-funnel.js";
import { cohortRetention } from "./cohort-retention.js";
import { detectAnomalies } from "./detect-anomalies.js";
import { forecastMetric } from "./forecast-metric.js";
import { listInsightReports } from "./list-insight-reports.js";
import { showInsightReport } from "./show-insight-report.js";

export const analyticsTools: readonly AnyTool[] = [
  analyzeFunnel,
  forecastMetric,
  detectAnomalies,
  cohortRetention,
  listInsightReports,
  showInsightReport,
];

// The daily rollup is a plain function (rollup/daily.ts) the CLI and the server call; the
// analytics tools need no long-lived collaborators.
export const analyticsServices: ServiceFactory = () => ({});

export { renderReportChart } from "./charts/render.js";
export { rollupDays, runDailyRollup } from "./rollup/daily.js";
