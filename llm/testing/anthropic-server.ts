import { randomUUID } from "node:crypto";
import { json, sseWriter, startStandIn, type Protocol, type StandIn, type StandInOptions } from "./http.js";
import { pieces, usageFor, type ScriptedReply, type ScriptedToolCall, type WireMessage, type WireRequest, type WireTool } from "./script.js";

type Body = Record<string, unknown>;
type Block = { type: string; text?: string; id?: string; name?: string; input?: Record<string, unknown>; tool_use_id?: string; content?: unknown; is_error?: boolean };

function blocksOf(content: unknown): Block[] {
  return typeof content === "string" ? [{ type: "text", text: content }] : ((content ?? []) as Block[]);
}

function textOf(content: unknown): string {
  return blocksOf(content)
    .filter((b) => b.type === "text")
    .map((b) => b.text ?? "")
    .join("");
}

function parseMessages(body: Body): WireMessage[] {
  const out: WireMessage[] = [];
  const system = body.system;
  if (system) out.push({ role: "system", text: typeof system === "string" ? system : textOf(system) });
  for (const m of (body.messages ?? []) as { role: string; content: unknown }[]) {
    const blocks = blocksOf(m.content);
    if (m.role === "assistant") {
      const calls = blocks.filter((b) => b.type === "tool_use").map((b) => ({ id: b.id, name: b.name!, arguments: b.input ?? {} }));
      out.push({ role: "assistant", text: textOf(blocks), toolCalls: calls });
      continue;
    }
    for (const b of blocks.filter((x) => x.type === "tool_result")) {
      out.push({ role: "tool", toolCallId: b.tool_use_id!, text: textOf(b.content), isError: b.is_error === true });
    }
    const text = textOf(blocks);
    if (text) out.push({ role: "user", text });
  }
  return out;
}

function parseTools(raw: unknown): WireTool[] {
  return ((raw ?? []) as { name: string; description?: string; input_schema?: Body }[]).map((t) => ({
    name: t.name,
    description: t.description ?? "",
    parameters: t.input_schema ?? {},
  }));
}

const STOP: Readonly<Record<string, string>> = { stop: "end_turn", length: "max_tokens", tool_calls: "tool_use", content_filter: "refusal" };
const stopOf = (reply: ScriptedReply) => STOP[reply.finishReason ?? (reply.toolCalls?.length ? "tool_calls" : "stop")]!;
const toolId = (c: ScriptedToolCall, i: number) => c.id ?? `toolu_${i}_${randomUUID().slice(0, 8)}`;

const ERROR_TYPE: Readonly<Record<number, string>> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  429: "rate_limit_error",
  529: "overloaded_error",
};

/** Anthropic's cached prompt tokens are counted apart from `input_tokens`. */
function usageBody(request: WireRequest, reply: ScriptedReply) {
  const u = reply.usage ?? usageFor(request, reply);
  const cached = u.cached_tokens ?? 0;
  const written = u.cache_write_tokens ?? 0;
  return {
    input_tokens: u.prompt_tokens - cached - written,
    output_tokens: u.completion_tokens,
    cache_read_input_tokens: cached,
    cache_creation_input_tokens: written,
  };
}

/** Anthropic Messages: `POST /v1/messages`, JSON or named events from `message_start` to `message_stop`. */
const anthropicProtocol: Protocol = {
  name: "anthropic",
  basePath: "",
  endpoint: "/v1/messages",
  parse(body) {
    return { model: String(body.model), stream: body.stream === true, messages: parseMessages(body), tools: parseTools(body.tools) };
  },
  writeError(res, reply) {
    const status = reply.status ?? 500;
    json(
      res,
      status,
      { type: "error", error: { type: reply.error?.type ?? ERROR_TYPE[status] ?? "api_error", message: reply.error?.message ?? `stand-in error ${status}` } },
      { "request-id": `req_${randomUUID().slice(0, 12)}`, ...reply.headers },
    );
  },
  writeJson(res, request, reply) {
    const content: Block[] = [];
    if (reply.text) content.push({ type: "text", text: reply.text });
    (reply.toolCalls ?? []).forEach((c, i) => content.push({ type: "tool_use", id: toolId(c, i), name: c.name, input: c.arguments }));
    json(
      res,
      200,
      {
        id: reply.id ?? `msg_${randomUUID().replace(/-/g, "").slice(0, 24)}`,
        type: "message",
        role: "assistant",
        model: request.model,
        content,
        stop_reason: stopOf(reply),
        stop_sequence: null,
        usage: usageBody(request, reply),
      },
      reply.headers,
    );
  },
  async writeStream(res, request, reply) {
    const sse = sseWriter(res, reply);
    const usage = usageBody(request, reply);
    const events: [string, unknown][] = [
      [
        "message_start",
        {
          type: "message_start",
          message: {
            id: reply.id ?? `msg_${randomUUID().replace(/-/g, "").slice(0, 24)}`,
            type: "message",
            role: "assistant",
            model: request.model,
            content: [],
            stop_reason: null,
            stop_sequence: null,
            usage: { ...usage, output_tokens: 1 },
          },
        },
      ],
      ["ping", { type: "ping" }],
    ];
    let index = 0;
    if (reply.text) {
      events.push(["content_block_start", { type: "content_block_start", index, content_block: { type: "text", text: "" } }]);
      for (const piece of pieces(reply.text)) events.push(["content_block_delta", { type: "content_block_delta", index, delta: { type: "text_delta", text: piece } }]);
      events.push(["content_block_stop", { type: "content_block_stop", index }]);
      index += 1;
    }
    (reply.toolCalls ?? []).forEach((c, i) => {
      events.push(["content_block_start", { type: "content_block_start", index, content_block: { type: "tool_use", id: toolId(c, i), name: c.name, input: {} } }]);
      for (const piece of pieces(JSON.stringify(c.arguments), 12)) {
        events.push(["content_block_delta", { type: "content_block_delta", index, delta: { type: "input_json_delta", partial_json: piece } }]);
      }
      events.push(["content_block_stop", { type: "content_block_stop", index }]);
      index += 1;
    });
    events.push(["message_delta", { type: "message_delta", delta: { stop_reason: stopOf(reply), stop_sequence: null }, usage: { output_tokens: usage.output_tokens } }]);
    events.push(["message_stop", { type: "message_stop" }]);
    for (const [name, data] of events) if (!(await sse.send(data, name))) return;
    sse.end();
  },
};

export function startAnthropicStandIn(options: StandInOptions = {}): Promise<StandIn> {
  return startStandIn(anthropicProtocol, options);
}
