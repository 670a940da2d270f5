import { defineEntity } from "../define.js";
import { f } from "../fields.js";

/**
 * One model call (one attempt against one provider): who asked, what it cost. Tokens are the
 * provider's own counts; `prompt_tokens` includes the cached ones. `cost_usd` is null when the
 * model is not in the pricing table — unknown, never a made-up 0. A real, not money: a call
 * costs fractions of a cent.
 */
export const LlmUsage = defineEntity({
  name: "LlmUsage",
  table: "llm_usage",
  prefix: "llmu",
  fields: {
    request_id: f.textOrNull(),
    provider: f.enum(["local", "openai", "anthropic"]),
    model: f.text(),
    /** Whose key paid: the platform's or the workspace's own. */
    key_source: f.enum(["none", "platform", "workspace"], "none"),
    user_id: f.textOrNull(),
    agent: f.textOrNull(),
    thread_id: f.textOrNull(),
    run_id: f.textOrNull(),
    /** 1 for the first try against this provider, 2 for its first retry… */
    attempt: f.int(1),
    prompt_tokens: f.int(0),
    completion_tokens: f.int(0),
    /** Prompt tokens read from the provider's cache (priced at the cached rate). */
    cached_tokens: f.int(0),
    /** Prompt tokens written to the provider's cache (Anthropic prices them apart). */
    cache_write_tokens: f.int(0),
    latency_ms: f.int(0),
    cost_usd: f.realOrNull(),
    pricing_version: f.textOrNull(),
    status: f.enum(["success", "error", "cancelled"]),
    error_code: f.textOrNull(),
  },
  indexes: [["thread_id"], ["run_id"], ["request_id"]],
});

/** A workspace's own provider key, used instead of the platform's; sealed at rest, shown only as a preview. */
export const WorkspaceLlmKey = defineEntity({
  name: "WorkspaceLlmKey",
  table: "workspace_llm_keys",
  prefix: "wlk",
  fields: {
    provider: f.enum(["openai", "anthropic"]),
    key: f.encrypted(),
    key_preview: f.text(""),
  },
  unique: [["provider"]],
});
