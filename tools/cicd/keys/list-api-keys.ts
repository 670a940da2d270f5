import { z } from "zod";
import { defineTool } from "../../define.js";
import { hint } from "../hint.js";
import { KEY_STATES, keyLine, KeyView, viewKey } from "./key-view.js";

export const listApiKeys = defineTool({
  name: "list_api_keys",
  title: "List API keys",
  description: "List the workspace's API keys with their preview, permissions, pipeline scope, state (active, expiring, expired, revoked), expiry and usage; never a key or its hash.",
  domain: "cicd",
  input: z.object({
    state: z
      .enum(KEY_STATES)
      .optional()
      .meta(hint({ description: "only keys in this state; revoked keys are listed only when asked", extract: "enum", cues: ["only", "the", "state"], aliases: { valid: "active", live: "active", disabled: "revoked" } })),
  }),
  output: z.object({ keys: z.array(KeyView) }),
  effect: "read",
  idempotent: true,
  reads: ["APIKey"],
  examples: ["List API keys", "Show our API keys", "Which API keys are active?", "List revoked API keys", "Show all keys and when they were last used"],
  keywords: ["api keys", "keys", "tokens", "list keys", "credentials", "usage"],
  run: async (input, ctx) => {
    const now = ctx.clock.now();
    const keys = (await ctx.store.find("APIKey", {}, { orderBy: "created_at", direction: "desc" })).map((k) => viewKey(k, now));
    return { keys: input.state ? keys.filter((k) => k.state === input.state) : keys.filter((k) => k.state !== "revoked") };
  },
  reply: (o, input) => {
    const what = `${input.state ? `${input.state} ` : ""}API keys`;
    if (!o.keys.length) return `No ${what}.`;
    return [`${what.charAt(0).toUpperCase()}${what.slice(1)} (${o.keys.length}):`, ...o.keys.map(keyLine)].join("\n");
  },
});
