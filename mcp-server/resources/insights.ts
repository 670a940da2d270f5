import { defineResource } from "./define.js";
import { startingWith } from "./lookup.js";

export const insightResource = defineResource({
  name: "insight",
  title: "Insight report",
  description: "A saved analytics report (funnel, forecast, anomaly or cohort) with its findings and confidence (show_insight_report).",
  uriTemplate: "flashfusion://insights/{id}",
  variable: "id",
  tool: "show_insight_report",
  args: (id) => ({ id }),
  values: async (store, prefix, _scope, limit) =>
    (await startingWith(store, "InsightReport", "id", prefix, { orderBy: "created_at", direction: "desc", limit })).map((r) => ({
      value: r.id,
      label: `${r.report_type}: ${r.title}`,
    })),
});
