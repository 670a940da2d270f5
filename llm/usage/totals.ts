import { sql } from "kysely";
import type { Store } from "../../entities/store.js";

/** Which calls to add up: one thread's, one run's (a turn), or one request's. */
export type UsageScope = { thread_id: string } | { run_id: string } | { request_id: string };

export interface UsageTotals {
  calls: number;
  prompt_tokens: number;
  completion_tokens: number;
  cached_tokens: number;
  /** The cost of the priced calls; with `unpriced_calls` > 0 it is a lower bound. */
  cost_usd: number;
  unpriced_calls: number;
}

const toNano = (usd: number) => Math.round(usd * 1e9);

/** Totals of a thread, a run or a request in this workspace, costs summed exactly. */
export async function usageTotals(store: Store, scope: UsageScope): Promise<UsageTotals> {
  const [field, value] = Object.entries(scope)[0] as [keyof UsageScope & string, string];
  const rows = await store.find("LlmUsage", { [field]: value });
  const totals: UsageTotals = { calls: rows.length, prompt_tokens: 0, completion_tokens: 0, cached_tokens: 0, cost_usd: 0, unpriced_calls: 0 };
  let nano = 0;
  for (const r of rows) {
    totals.prompt_tokens += r.prompt_tokens;
    totals.completion_tokens += r.completion_tokens;
    totals.cached_tokens += r.cached_tokens;
    if (r.cost_usd === null) totals.unpriced_calls += 1;
    else nano += toNano(r.cost_usd);
  }
  totals.cost_usd = nano / 1e9;
  return totals;
}

/** What the workspace has spent on model calls so far (priced calls). */
export async function spentUsd(store: Store): Promise<number> {
  const row = await store
    .select("LlmUsage")
    .clearSelect()
    .select(sql<number>`coalesce(sum(cost_usd), 0)`.as("spent"))
    .executeTakeFirst();
  return Number(row?.spent ?? 0);
}
