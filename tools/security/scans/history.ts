import type { Entities } from "../../../entities/index.js";
import type { Store } from "../../../entities/store.js";
import { ToolError } from "../../errors.js";

type Scan = Entities["SecurityScan"];

/** Oldest first: by start time, then by number (scans started in the same instant), then id. */
export function chronological(a: Scan, b: Scan): number {
  return a.created_at.localeCompare(b.created_at) || (a.number ?? 0) - (b.number ?? 0) || a.id.localeCompare(b.id);
}

/**
 * The workspace's scans, oldest first: of one pipeline (its id), of the whole workspace (null),
 * or all of them (undefined).
 */
export async function scanHistory(store: Store, pipelineId?: string | null): Promise<Scan[]> {
  const rows = pipelineId === undefined ? await store.find("SecurityScan") : await store.find("SecurityScan", { pipeline_id: pipelineId });
  return rows.sort(chronological);
}

export async function nextScanNumber(store: Store): Promise<number> {
  const scans = await store.find("SecurityScan");
  return scans.reduce((max, s) => Math.max(max, s.number ?? 0), 0) + 1;
}

export async function requireScan(store: Store, id: string): Promise<Scan> {
  const scan = await store.get("SecurityScan", id.trim());
  if (!scan) throw new ToolError("NOT_FOUND", `No security scan ${id} in this workspace; list the scans to see their ids`, { field: "scan" });
  return scan;
}
