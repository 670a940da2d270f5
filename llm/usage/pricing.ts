import { readFileSync } from "node:fs";
import { z } from "zod";
import { PROVIDERS, type ProviderName } from "../providers/names.js";

/** Dollars per million tokens, to a thousandth: priced per token in whole nano-dollars. */
const rate = z
  .number()
  .nonnegative()
  .refine((r) => Math.abs(r * 1000 - Math.round(r * 1000)) < 1e-6, "a rate is given to at most three decimals");

const ModelPrice = z.object({
  input: rate,
  /** Prompt tokens read from the cache; the input rate when absent. */
  cached_input: rate.optional(),
  /** Prompt tokens written to the cache; the input rate when absent. */
  cache_write: rate.optional(),
  output: rate,
});
export type ModelPrice = z.infer<typeof ModelPrice>;

const PricingTableSchema = z.object({
  version: z.string().min(1),
  currency: z.literal("USD"),
  unit: z.literal("per_million_tokens"),
  note: z.string().optional(),
  models: z.partialRecord(z.enum(PROVIDERS), z.record(z.string(), ModelPrice)),
});
export type PricingTable = z.infer<typeof PricingTableSchema>;

/** The table in force: the newest file in llm/pricing/. A new price list is a new file. */
export const CURRENT_PRICING_FILE = new URL("../pricing/2025-11-01.json", import.meta.url);

export function parsePricing(json: unknown): PricingTable {
  return PricingTableSchema.parse(json);
}

/** Reads and checks a pricing table (by default the one in force). */
export function loadPricing(file: URL | string = CURRENT_PRICING_FILE): PricingTable {
  return parsePricing(JSON.parse(readFileSync(file, "utf8")));
}

/** Dated snapshots (`gpt-4o-2024-08-06`, `claude-sonnet-4-5-20250929`) cost what their base model costs. */
const SNAPSHOT_SUFFIX = /-(\d{4}-\d{2}-\d{2}|\d{8}|latest)$/;

/** The price of a model, or undefined when the table does not know it. */
export function priceOf(table: PricingTable, provider: ProviderName, model: string): ModelPrice | undefined {
  const models = table.models[provider];
  if (!models) return undefined;
  return models[model] ?? models[model.replace(SNAPSHOT_SUFFIX, "")];
}
