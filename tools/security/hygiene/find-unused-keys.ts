import { z } from "zod";
import { defineTool } from "../../define.js";
import { hint } from "../hint.js";
import { idleSince, isUnused, UNUSED_KEY_DAYS } from "../rules/api-keys.js";
import { daysSince, isoDate } from "../time.js";
import { KeyView, keyName, plural, viewKey } from "./key-view.js";

export const findUnusedKeys = defineTool({
  name: "find_unused_keys",
  title: "Find unused API keys",
  description:
    "List the API keys not used for more than N days (default 90), including keys never used since created that long ago; revoked keys are left out. Changes nothing.",
  domain: "security",
  input: z.object({
    days: z
      .number()
      .int()
      .min(1)
      .max(3650)
      .default(UNUSED_KEY_DAYS)
      .meta(hint({ description: "idle days (default 90)", extract: "duration", unit: "days", cues: ["in", "for", "than", "over", "in the last"] })),
  }),
  output: z.object({ days: z.number().int(), keys: z.array(KeyView.extend({ idle_days: z.number().int() })) }),
  effect: "read",
  idempotent: true,
  roles: ["admin"],
  reads: ["APIKey"],
  examples: [
    "Find unused API keys",
    "Which API keys haven't been used in 90 days?",
    "List dormant keys",
    "API keys not used for 60 days",
    "Show API keys nobody uses anymore",
  ],
  keywords: ["unused", "dormant", "idle", "inactive", "not used", "never used", "stale", "api keys", "keys"],
  run: async (input, ctx) => {
    const now = ctx.clock.now();
    const keys = (await ctx.store.find("APIKey", { revoked_at: null }, { orderBy: "name" }))
      .filter((k) => isUnused(k, now, input.days))
      .map((k) => ({ ...viewKey(k), idle_days: daysSince(idleSince(k), now) }))
      .sort((a, b) => b.idle_days - a.idle_days);
    return { days: input.days, keys };
  },
  reply: (o) => {
    if (!o.keys.length) return `Every active API key was used within the last ${plural(o.days, "day")}.`;
    const lines = o.keys.map((k) =>
      k.last_used
        ? `- ${keyName(k)}: last used ${isoDate(k.last_used)}, ${plural(k.idle_days, "day")} ago`
        : `- ${keyName(k)}: never used since created ${isoDate(k.created_at)}, ${plural(k.idle_days, "day")} ago`,
    );
    return [`API keys unused for more than ${plural(o.days, "day")} (${o.keys.length}):`, ...lines, "Revoke the ones nobody needs."].join("\n");
  },
});
