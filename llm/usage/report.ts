import { sql } from "kysely";
import type { Store } from "../../entities/store.js";
import { PROVIDERS, type ProviderName } from "../providers/names.js";

/** A workspace's model calls over a period: seed 002's usage analytics. */
export interface UsageReport {
  calls: number;
  tokens: number;
  /** USD by provider (priced calls; an unpriced call adds nothing). */
  cost_by_provider: Record<ProviderName, number>;
  /** Mean latency of a call, in milliseconds (0 with no calls). */
  avg_latency_ms: number;
  /** Share of calls that succeeded, 0–1 (1 with no calls). */
  success_rate: number;
}

const toNano = (usd: number) => Math.round(usd * 1e9);

/** Adds up the workspace's LlmUsage rows created in [from, to), in the database. */
export async function usageReport(store: Store, period: { from?: string; to?: string } = {}): Promise<UsageReport> {
  let q = store.select("LlmUsage").clearSelect();
  if (period.from) q = q.where("created_at", ">=", period.from);
  if (period.to) q = q.where("created_at", "<", period.to);
  const rows = await q
    .select([
      "provider",
      sql<number>`count(*)`.as("calls"),
      sql<number>`coalesce(sum(prompt_tokens + completion_tokens), 0)`.as("tokens"),
      sql<number>`coalesce(sum(cost_usd), 0)`.as("cost"),
      sql<number>`coalesce(sum(latency_ms), 0)`.as("latency"),
      sql<number>`coalesce(sum(case when status = 'success' then 1 else 0 end), 0)`.as("ok"),
    ])
    .groupBy("provider")
    .execute();
  const cost = Object.fromEntries(PROVIDERS.map((p) => [p, 0])) as Record<ProviderName, number>;
  let calls = 0;
  let tokens = 0;
  let latency = 0;
  let ok = 0;
  for (const r of rows) {
    calls += Number(r.calls);
    tokens += Number(r.tokens);
    latency += Number(r.latency);
    ok += Number(r.ok);
    cost[r.provider as ProviderName] = toNano(Number(r.cost)) / 1e9;
  }
  return { calls, tokens, cost_by_provider: cost, avg_latency_ms: calls ? latency / calls : 0, success_rate: calls ? ok / calls : 1 };
}
