import { defineResource } from "./define.js";
import { startingWith } from "./lookup.js";

export const scanResource = defineResource({
  name: "scan",
  title: "Security scan",
  description: "A security scan with its CVSS-scored findings and risk score (show_scan).",
  uriTemplate: "flashfusion://scans/{id}",
  variable: "id",
  tool: "show_scan",
  args: (id) => ({ scan: id }),
  values: async (store, prefix, scope, limit) =>
    (await startingWith(store, "SecurityScan", "id", prefix, { orderBy: "created_at", direction: "desc", limit, scope: { field: "pipeline_id", scope } })).map((s) => ({
      value: s.id,
      label: `${s.scan_type} scan (${s.status})`,
    })),
});
