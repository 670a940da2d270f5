import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import { json, sseWriter, startStandIn, type Protocol, type StandIn, type StandInOptions } from "./http.js";
import { pieces, usageFor, type ScriptedReply, type ScriptedToolCall, type WireMessage, type WireRequest, type WireTool } from "./script.js";

type Body = Record<string, unknown>;

function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map((p) => (p && typeof p === "object" && "text" in p ? String(p.text) : "")).join("");
  return "";
}

function parseMessages(raw: unknown): WireMessage[] {
  const out: WireMessage[] = [];
  for (const m of (raw ?? []) as Body[]) {
    const role = m.role;
    if (role === "system" || role === "developer") out.push({ role: "system", text: textOf(m.content) });
    else if (role === "user") out.push({ role: "user", text: textOf(m.content) });
    else if (role === "assistant") {
      const calls = ((m.tool_calls ?? []) as { id: string; function: { name: string; arguments: string } }[]).map((c) => ({
        id: c.id,
        name: c.function.name,
        arguments: JSON.parse(c.function.arguments || "{}") as Record<string, unknown>,
      }));
      out.push({ role: "assistant", text: textOf(m.content), toolCalls: calls });
    } else if (role === "tool") out.push({ role: "tool", toolCallId: String(m.tool_call_id), text: textOf(m.content), isError: false });
  }
  return out;
}

function parseTools(raw: unknown): WireTool[] {
  return ((raw ?? []) as { function: { name: string; description?: string; parameters?: Body } }[]).map((t) => ({
    name: t.function.name,
    description: t.function.description ?? "",
    parameters: t.function.parameters ?? {},
  }));
}

const callId = (c: ScriptedToolCall, i: number) => c.id ?? `call_${i}_${randomUUID().slice(0, 8)}`;

function finishOf(reply: ScriptedReply): string {
  return reply.finishReason ?? (reply.toolCalls?.length ? "tool_calls" : "stop");
}

function usageBody(request: WireRequest, reply: ScriptedReply) {
  const u = reply.usage ?? usageFor(request, reply);
  return {
    prompt_tokens: u.prompt_tokens,
    completion_tokens: u.completion_tokens,
    total_tokens: u.prompt_tokens + u.completion_tokens,
    prompt_tokens_details: { cached_tokens: u.cached_tokens ?? 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0 },
  };
}

const ERROR_TYPE: Readonly<Record<number, string>> = { 400: "invalid_request_error", 401: "invalid_request_error", 403: "permission_error", 404: "invalid_request_error", 429: "rate_limit_exceeded" };

/** OpenAI Chat Completions: `POST /v1/chat/completions`, JSON or `chat.completion.chunk` events ending in `[DONE]`. */
const openaiProtocol: Protocol = {
  name: "openai",
  basePath: "/v1",
  endpoint: "/chat/completions",
  parse(body) {
    return { model: String(body.model), stream: body.stream === true, messages: parseMessages(body.messages), tools: parseTools(body.tools) };
  },
  writeError(res: ServerResponse, reply) {
    const status = reply.status ?? 500;
    json(
      res,
      status,
      { error: { message: reply.error?.message ?? `stand-in error ${status}`, type: reply.error?.type ?? ERROR_TYPE[status] ?? "server_error", param: null, code: reply.error?.code ?? null } },
      reply.headers,
    );
  },
  writeJson(res, request, reply) {
    const calls = reply.toolCalls ?? [];
    json(
      res,
      200,
      {
        id: reply.id ?? `chatcmpl-${randomUUID()}`,
        object: "chat.completion",
        created: Math.floor(Date.now() / 1000),
        model: request.model,
        choices: [
          {
            index: 0,
            message: {
              role: "assistant",
              content: reply.text ?? (calls.length ? null : ""),
              refusal: null,
              ...(calls.length
                ? { tool_calls: calls.map((c, i) => ({ id: callId(c, i), type: "function", function: { name: c.name, arguments: JSON.stringify(c.arguments) } })) }
                : {}),
            },
            logprobs: null,
            finish_reason: finishOf(reply),
          },
        ],
        usage: usageBody(request, reply),
      },
      reply.headers,
    );
  },
  async writeStream(res, request, reply) {
    const sse = sseWriter(res, reply);
    const id = reply.id ?? `chatcmpl-${randomUUID()}`;
    const created = Math.floor(Date.now() / 1000);
    const includeUsage = (request.body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
    const chunk = (delta: Body, finish: string | null = null) => ({
      id,
      object: "chat.completion.chunk",
      created,
      model: request.model,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
      ...(includeUsage ? { usage: null } : {}),
    });
    const events: unknown[] = [chunk({ role: "assistant", content: "", refusal: null })];
    for (const piece of pieces(reply.text ?? "")) events.push(chunk({ content: piece }));
    (reply.toolCalls ?? []).forEach((c, index) => {
      events.push(chunk({ tool_calls: [{ index, id: callId(c, index), type: "function", function: { name: c.name, arguments: "" } }] }));
      for (const piece of pieces(JSON.stringify(c.arguments), 12)) events.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
    });
    events.push(chunk({}, finishOf(reply)));
    if (includeUsage) events.push({ id, object: "chat.completion.chunk", created, model: request.model, choices: [], usage: usageBody(request, reply) });
    events.push("[DONE]");
    for (const event of events) if (!(await sse.send(event))) return;
    sse.end();
  },
};

export function startOpenAIStandIn(options: StandInOptions = {}): Promise<StandIn> {
  return startStandIn(openaiProtocol, options);
}
