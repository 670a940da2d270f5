import { z } from "zod";
import type { Entities } from "../../../entities/index.js";
import type { Store } from "../../../entities/store.js";
import type { ScanFinding } from "../rules/finding.js";
import { cvss1 } from "./scan-view.js";

export const OpenedTask = z.object({ id: z.string(), title: z.string() });
export type OpenedTask = z.infer<typeof OpenedTask>;

/**
 * Opens a Task (source `scan`, related to the scan) for each high or critical finding. A finding
 * that already has an open task from an earlier scan (same title) gets no second one.
 */
export async function openTasksFor(store: Store, scan: Entities["SecurityScan"], findings: readonly ScanFinding[]): Promise<OpenedTask[]> {
  const urgent = findings.filter((f) => f.severity === "high" || f.severity === "critical");
  if (!urgent.length) return [];
  const existing = await store.find("Task", { source: "scan" });
  const openTitles = new Set(existing.filter((t) => t.status === "open" || t.status === "in_progress").map((t) => t.title));
  const opened: OpenedTask[] = [];
  for (const f of urgent) {
    const title = `Fix ${f.severity} finding: ${f.title ?? f.rule} — ${f.location}`;
    if (openTitles.has(title)) continue;
    openTitles.add(title);
    const task = await store.insert("Task", {
      title,
      description: `${f.description}\nCVSS ${cvss1(f.cvss_score)} (${f.severity}) ${f.cvss_vector}.\nRemediation: ${f.remediation ?? "see the finding"}\nFound by security scan ${scan.id}.`,
      status: "open",
      source: "scan",
      related_id: scan.id,
      priority: "high",
    });
    opened.push({ id: task.id, title: task.title });
  }
  return opened;
}
