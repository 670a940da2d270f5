import { z } from "zod";
import { defineTool } from "../../define.js";
import { hint } from "../hint.js";
import { DAY_MS, daysUntil, isoDate } from "../time.js";
import { KeyView, keyName, plural, viewKey } from "./key-view.js";

export const EXPIRING_DAYS = 30;

export const checkExpiringKeys = defineTool({
  name: "check_expiring_keys",
  title: "Check for expiring API keys",
  description: "List the API keys that expire within the next N days (default 30), soonest first; revoked and already expired keys are left out. Changes nothing.",
  domain: "security",
  input: z.object({
    days: z
      .number()
      .int()
      .min(1)
      .max(3650)
      .default(EXPIRING_DAYS)
      .meta(hint({ description: "how many days ahead to look (default 30)", extract: "duration", unit: "days", cues: ["within", "in", "next", "in the next"] })),
  }),
  output: z.object({ days: z.number().int(), keys: z.array(KeyView.extend({ days_left: z.number().int() })) }),
  effect: "read",
  idempotent: true,
  roles: ["admin"],
  reads: ["APIKey"],
  examples: [
    "Check for expiring API keys",
    "Which API keys expire in the next 14 days?",
    "List keys expiring within 60 days",
    "Are any API keys about to expire?",
    "Show API keys that expire next week",
  ],
  keywords: ["expiring", "expire", "expires", "expiry", "expiration", "about to expire", "api keys", "keys"],
  run: async (input, ctx) => {
    const now = ctx.clock.now();
    const until = now.getTime() + input.days * DAY_MS;
    const keys = (await ctx.store.find("APIKey", { revoked_at: null }, { orderBy: "expires_at" }))
      .filter((k) => k.expires_at !== null && Date.parse(k.expires_at) > now.getTime() && Date.parse(k.expires_at) <= until)
      .map((k) => ({ ...viewKey(k), days_left: daysUntil(k.expires_at!, now) }));
    return { days: input.days, keys };
  },
  reply: (o) => {
    if (!o.keys.length) return `No API keys expire within the next ${plural(o.days, "day")}.`;
    const lines = o.keys.map((k) => `- ${keyName(k)} expires ${isoDate(k.expires_at!)}, in ${plural(k.days_left, "day")}`);
    return [`API keys expiring within the next ${plural(o.days, "day")} (${o.keys.length}):`, ...lines, "Rotate them before they expire: issue a replacement, then revoke the old key."].join("\n");
  },
});
