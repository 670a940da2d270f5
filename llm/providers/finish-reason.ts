/** Why a model stopped, in OpenAI's words (the §1.3 contract's `finish_reason`). */
export type FinishReason = "stop" | "length" | "tool_calls" | "content_filter";

const KNOWN: readonly string[] = ["stop", "length", "tool_calls", "content_filter"];

/** The finish reason a provider's response metadata carries, normalised (`function_call` is a tool call). */
export function finishReasonIn(metadata: Record<string, unknown> | undefined): FinishReason {
  const reason = metadata?.finish_reason;
  if (reason === "function_call") return "tool_calls";
  return typeof reason === "string" && KNOWN.includes(reason) ? (reason as FinishReason) : "stop";
}
