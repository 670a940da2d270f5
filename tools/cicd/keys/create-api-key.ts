import { z } from "zod";
import { API_KEY_PERMISSIONS } from "../../../entities/catalog/security.js";
import { defineTool } from "../../define.js";
import { ToolError } from "../../errors.js";
import { hint } from "../hint.js";
import { resolvePipeline } from "../pipelines/resolve.js";
import { generateApiKey, hashApiKey, keyPreview } from "./key-format.js";
import { keyLine, KeyView, viewKey } from "./key-view.js";

const DAY = 86_400_000;

export const createApiKey = defineTool({
  name: "create_api_key",
  title: "Create an API key",
  description:
    "Create an API key (ffai_…) with the permissions it needs, optionally limited to some pipelines and expiring after N days. The key itself is shown once and only its SHA-256 hash is kept.",
  domain: "cicd",
  input: z.object({
    name: z.string().trim().min(1).max(100).meta(hint({ description: "a name for the key, after what uses it", extract: "name", cues: ["called", "named", "for", "key"] })),
    permissions: z
      .array(z.enum(API_KEY_PERMISSIONS))
      .min(1)
      .meta(
        hint({
          description: "what the key may do: trigger_pipeline, read_runs, read_config, webhook, chat, tools",
          extract: "enum_list",
          cues: ["with", "permissions", "that can", "to"],
          aliases: { "trigger builds": "trigger_pipeline", "read runs": "read_runs", "read builds": "read_runs", "read config": "read_config", "read configs": "read_config", webhooks: "webhook" },
        }),
      ),
    pipelines: z
      .union([z.array(z.string().trim().min(1)), z.string().trim().min(1)])
      .optional()
      .meta(hint({ description: "only these pipelines (names or ids); every pipeline when left out", extract: "name", cues: ["limited to", "scoped to", "only for", "restricted to"] })),
    expires_in_days: z
      .number()
      .int()
      .min(1)
      .max(3650)
      .optional()
      .meta(hint({ description: "days until the key expires; never when left out", extract: "duration", unit: "days", cues: ["expiring in", "expires in", "for", "valid for"] })),
  }),
  output: z.object({
    success: z.literal(true),
    plaintext_key: z.string().meta({ description: "the key itself, shown only in this answer", secret: true }),
    ...KeyView.shape,
  }),
  effect: "write",
  roles: ["admin"],
  reads: ["PipelineConfig"],
  writes: ["APIKey"],
  examples: [
    "Create an API key called deploy-bot with read_runs and read_config",
    "Create API key ci-reader with read_runs expiring in 90 days",
    "Issue a new API key for github-actions with the webhook permission",
    "Generate a webhook API key named hooks-relay valid for 30 days",
    "Make an API key named support-chat with chat permission",
  ],
  keywords: ["api key", "create key", "new key", "generate key", "token", "credential", "issue key"],
  run: async (input, ctx) => {
    if (await ctx.store.findOne("APIKey", { name: input.name, revoked_at: null })) {
      throw new ToolError("CONFLICT", `An active API key named ${input.name} already exists; revoke it first or choose another name`, { field: "name" });
    }
    const pipelineIds: string[] = [];
    const refs = typeof input.pipelines === "string" ? input.pipelines.split(/\s*(?:,|\band\b|&)\s*/).filter(Boolean) : (input.pipelines ?? []);
    for (const ref of refs) {
      const p = await resolvePipeline(ctx.store, ref, "pipelines");
      if (!pipelineIds.includes(p.id)) pipelineIds.push(p.id);
    }
    const plaintext = generateApiKey();
    const now = ctx.clock.now();
    const key = await ctx.store.insert("APIKey", {
      name: input.name,
      key_hash: hashApiKey(plaintext),
      key_preview: keyPreview(plaintext),
      permissions: [...new Set(input.permissions)],
      pipeline_ids: pipelineIds,
      expires_at: input.expires_in_days ? new Date(now.getTime() + input.expires_in_days * DAY).toISOString() : null,
      created_by: ctx.actor.id,
    });
    return { success: true as const, plaintext_key: plaintext, ...viewKey(key, now) };
  },
  reply: (o) =>
    [
      `Created API key ${o.name} (${o.id}).`,
      `Key (shown only now; store it somewhere safe — FlashFusion keeps only its hash): ${o.plaintext_key}`,
      keyLine(o).replace(/^- /, ""),
      "Send it in the X-API-Key header.",
    ].join("\n"),
});
