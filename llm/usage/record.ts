import type { CommonFields } from "../../entities/define.js";
import type { Entities } from "../../entities/index.js";
import type { Store } from "../../entities/store.js";

export type UsageRow = Omit<Entities["LlmUsage"], keyof CommonFields>;
export type UsageRecord = Entities["LlmUsage"];

export function recordUsage(store: Store, row: UsageRow): Promise<UsageRecord> {
  return store.insert("LlmUsage", { ...row, latency_ms: Math.round(row.latency_ms) });
}
