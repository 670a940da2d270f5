import { z } from "zod";
import { defineTool } from "../../define.js";
import { ToolError } from "../../errors.js";
import { hint } from "../hint.js";
import { resolveKey } from "./resolve-key.js";
import { KeyView, viewKey } from "./key-view.js";

export const revokeApiKey = defineTool({
  name: "revoke_api_key",
  title: "Revoke an API key",
  description: "Revoke an API key (by name, id or preview) so it stops working at once; this cannot be undone. Waits for approval.",
  domain: "cicd",
  input: z.object({
    key: z.string().trim().min(1).meta(hint({ description: "the key to revoke: its name, id (key_…) or preview (ffai_...)", extract: "name", cues: ["revoke", "key", "disable", "kill", "deactivate", "api key"] })),
  }),
  output: KeyView,
  effect: "destructive",
  roles: ["admin"],
  reads: ["APIKey"],
  writes: ["APIKey"],
  examples: [
    "Revoke the API key legacy-ci",
    "Revoke API key deploy-bot",
    "Disable the leaked deploy-bot key",
    "Revoke key key_7f3kq9x2m4wz",
    "Kill the ffai_...9f2c API key",
  ],
  keywords: ["revoke", "disable", "deactivate", "kill", "invalidate", "leaked", "compromised", "exposed", "api key"],
  prepare: async (input, ctx) => {
    const key = await resolveKey(ctx.store, input.key);
    if (key.revoked_at) throw new ToolError("CONFLICT", `API key ${key.name} (${key.key_preview}) was already revoked on ${key.revoked_at.slice(0, 10)}`, { field: "key" });
    const uses = key.usage_count ? `; it has been used ${key.usage_count} time${key.usage_count === 1 ? "" : "s"}${key.last_used ? `, last on ${key.last_used.slice(0, 10)}` : ""}` : "; it has never been used";
    return `Revoke API key ${key.name} (${key.key_preview}, ${key.permissions.join(", ")})${uses}. Anything using it stops working at once.`;
  },
  run: async (input, ctx) => {
    const key = await resolveKey(ctx.store, input.key);
    if (key.revoked_at) throw new ToolError("CONFLICT", `API key ${key.name} was already revoked on ${key.revoked_at.slice(0, 10)}`, { field: "key" });
    const now = ctx.clock.now();
    const revoked = await ctx.store.update("APIKey", key.id, { revoked_at: now.toISOString() }, { revoked_at: null });
    if (!revoked) throw new ToolError("CONFLICT", `API key ${key.name} was revoked meanwhile`, { field: "key" });
    return viewKey(revoked, now);
  },
  reply: (k) => `Revoked API key ${k.name} (${k.key_preview}). It no longer authenticates anything.`,
});
