/**
 * What a stand-in answers, said once for both wire protocols: each server renders a reply in
 * its own format (JSON or a stream of events).
 */
export interface ScriptedToolCall {
  id?: string;
  name: string;
  arguments: Record<string, unknown>;
}

export interface ScriptedUsage {
  prompt_tokens: number;
  completion_tokens: number;
  /** Prompt tokens read from the cache (OpenAI `cached_tokens`, Anthropic `cache_read_input_tokens`). */
  cached_tokens?: number;
  /** Prompt tokens written to the cache (Anthropic `cache_creation_input_tokens`). */
  cache_write_tokens?: number;
}

export interface ScriptedReply {
  /** A status ≥ 400 answers an error in the protocol's error format. */
  status?: number;
  headers?: Record<string, string>;
  /** The error's message and type/code, for a status ≥ 400. */
  error?: { message?: string; type?: string; code?: string };
  text?: string;
  toolCalls?: ScriptedToolCall[];
  usage?: ScriptedUsage;
  finishReason?: "stop" | "length" | "tool_calls" | "content_filter";
  id?: string;
  /** Wait this long before answering (for timeouts and cancellation). */
  delayMs?: number;
  /** Streaming only: end the connection abruptly after this many events. */
  dropAfterEvents?: number;
}

/** One message of a request, the same for both protocols. */
export type WireMessage =
  | { role: "system"; text: string }
  | { role: "user"; text: string }
  | { role: "assistant"; text: string; toolCalls: ScriptedToolCall[] }
  | { role: "tool"; toolCallId: string; text: string; isError: boolean };

export interface WireTool {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

/** A request as the stand-in received it, parsed; kept in order for assertions. */
export interface WireRequest {
  protocol: "openai" | "anthropic";
  path: string;
  headers: Record<string, string>;
  /** The key from `x-api-key` or `Authorization: Bearer`. */
  apiKey?: string;
  model: string;
  stream: boolean;
  messages: WireMessage[];
  tools: WireTool[];
  /** The request body exactly as sent. */
  body: Record<string, unknown>;
}

/** Answers a request when nothing is queued: the scripted stand-in's "model". */
export type Responder = (request: WireRequest) => ScriptedReply | Promise<ScriptedReply>;

/** Rough token counts for a reply that did not script its usage. */
export function usageFor(request: WireRequest, reply: ScriptedReply): ScriptedUsage {
  const chars = JSON.stringify(request.messages).length + JSON.stringify(request.tools).length;
  const out = (reply.text ?? "").length + JSON.stringify(reply.toolCalls ?? []).length;
  return { prompt_tokens: Math.ceil(chars / 4), completion_tokens: Math.max(1, Math.ceil(out / 4)) };
}

/** A text cut into small pieces, as a model's tokens arrive. */
export function pieces(text: string, size = 8): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}
