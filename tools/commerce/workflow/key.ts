import { z } from "zod";
import type { ToolContext } from "../../define.js";

/** The optional key a caller (MCP, API body) gives so a retried request runs once. */
export const idempotencyKeyField = z.string().trim().min(1).max(200).nullish().meta({
  description:
    "Idempotency key: a retry with the same key and request answers the first result without acting again; the same key with another request is refused. Leave out in chat.",
  extract: "id",
  prefix: "idem",
  cues: ["idempotency key"],
});

/**
 * The key an execution runs under: the one the caller gave, else the call's own key (thread +
 * tool call in chat, the HTTP Idempotency-Key header), else a fresh one.
 */
export function workflowKey(explicit: string | null | undefined, ctx: Pick<ToolContext, "callKey" | "ids">): string {
  return explicit ?? ctx.callKey ?? ctx.ids.next("key");
}
