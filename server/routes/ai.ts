import { z } from "zod";
import type { OrchestrateFailure, OrchestrateResponse } from "../../llm/contract.js";
import { PROVIDERS } from "../../llm/providers/names.js";
import { usageReport } from "../../llm/usage/report.js";
import { storeFor } from "../../tools/door.js";
import { auditKeyUse, type ServerContext } from "../context.js";
import { HttpError } from "../http/errors.js";
import type { Routes } from "../openapi/route.js";

const Message = z.object({ role: z.enum(["system", "user", "assistant"]), content: z.string() });

/** Seed 004 §1.3's request; seed 002's `{model, messages, max_tokens, temperature}` is read too. */
const AiChatRequest = z.object({
  provider: z.string().optional().describe("openai, anthropic (or claude), local; the router chooses when left out"),
  model: z.string().optional(),
  prompt: z.string().optional(),
  system_prompt: z.string().optional(),
  history: z.array(z.object({ role: z.enum(["user", "assistant"]), content: z.string() })).optional(),
  parameters: z.object({ max_tokens: z.number().int().optional(), temperature: z.number().optional(), top_p: z.number().optional(), stop_sequences: z.array(z.string()).optional() }).loose().optional(),
  user_id: z.string().optional().describe("whom to attribute the call to: a user of your workspace (default: you)"),
  workspace_id: z.string().optional().describe("your workspace (any other is refused)"),
  request_id: z.string().optional().describe("default: this request's id"),
  messages: z.array(Message).optional().describe("seed 002's form: the last user message is the prompt, a system message the system prompt"),
  max_tokens: z.number().int().optional(),
  temperature: z.number().optional(),
});

const Success = z.object({
  status: z.literal("success"),
  request_id: z.string(),
  provider_response: z.object({
    id: z.string(),
    choices: z.array(z.object({ message: z.object({ role: z.literal("assistant"), content: z.string() }), finish_reason: z.string() })),
    usage: z.object({ prompt_tokens: z.number().int(), completion_tokens: z.number().int(), total_tokens: z.number().int() }),
  }),
});

const Failure = z.object({
  status: z.literal("error"),
  request_id: z.string().nullable(),
  error: z.object({ code: z.enum(["INVALID_REQUEST", "QUOTA_EXCEEDED", "PROVIDER_API_ERROR"]), message: z.string(), provider_error: z.unknown().optional() }),
});

const STATUS: Record<OrchestrateFailure["error"]["code"], 400 | 429 | 502> = { INVALID_REQUEST: 400, QUOTA_EXCEEDED: 429, PROVIDER_API_ERROR: 502 };

const invalid = (requestId: string, message: string): OrchestrateFailure => ({ status: "error", request_id: requestId, error: { code: "INVALID_REQUEST", message } });

/** Seed 002's messages as §1.3's prompt, system prompt and history. */
function fromMessages(body: Record<string, unknown>): Record<string, unknown> | string {
  const parsed = z.array(Message).min(1).safeParse(body.messages);
  if (!parsed.success) return "messages: must be a non-empty list of {role: system | user | assistant, content}";
  const messages = parsed.data;
  const last = messages.at(-1)!;
  if (last.role !== "user") return "messages: the last message must be the user's";
  const { messages: _m, max_tokens, temperature, ...rest } = body;
  const system = messages.filter((m) => m.role === "system").map((m) => m.content);
  const parameters = { ...(rest.parameters as Record<string, unknown> | undefined), ...(max_tokens !== undefined ? { max_tokens } : {}), ...(temperature !== undefined ? { temperature } : {}) };
  return {
    ...rest,
    prompt: last.content,
    ...(system.length ? { system_prompt: system.join("\n\n") } : {}),
    history: messages.slice(0, -1).filter((m) => m.role !== "system"),
    ...(Object.keys(parameters).length ? { parameters } : {}),
  };
}

/**
 * The LLM endpoints: `POST /api/v1/ai/chat` answers seed 004 §1.3's success or error shape
 * (the orchestration layer's own), the caller's workspace and user filled in; `GET
 * /api/v1/analytics/usage` adds up the workspace's model calls in seed 002's shape.
 */
export function registerAiRoutes(routes: Routes, ctx: ServerContext): void {
  routes.add(
    {
      method: "post",
      path: "/api/v1/ai/chat",
      operationId: "aiChat",
      summary: "One prompt through the model router (seed 004 §1.3)",
      description: "Answers `{status: \"success\", request_id, provider_response}` or `{status: \"error\", request_id, error: {code, message}}` (400 INVALID_REQUEST, 429 QUOTA_EXCEEDED, 502 PROVIDER_API_ERROR). Credential and rate-limit errors come before, in the API's usual shape.",
      tag: "AI",
      auth: ["user", "api_key"],
      permission: "chat",
      ownBody: true,
      body: AiChatRequest,
      responses: { 200: { description: "The model's answer", schema: Success }, 400: { description: "INVALID_REQUEST", schema: Failure }, 429: { description: "QUOTA_EXCEEDED: the workspace's model budget is spent", schema: Failure }, 502: { description: "PROVIDER_API_ERROR", schema: Failure } },
    },
    async (c, { body: raw }) => {
      const p = c.get("principal");
      const answer = (r: OrchestrateResponse) => c.json(r, r.status === "success" ? 200 : STATUS[r.error.code]);
      let body: unknown;
      try {
        body = JSON.parse(String(raw ?? "") || "{}");
      } catch (e) {
        return answer(invalid(c.get("requestId"), `The body is not valid JSON (${e instanceof Error ? e.message : "unreadable"})`));
      }
      if (!body || typeof body !== "object" || Array.isArray(body)) return answer(invalid(c.get("requestId"), "The body must be a JSON object"));
      const given = body as Record<string, unknown>;
      const requestId = typeof given.request_id === "string" && given.request_id ? given.request_id : c.get("requestId");
      const request = given.messages !== undefined ? fromMessages(given) : given;
      if (typeof request === "string") return answer(invalid(requestId, `The request is not valid: ${request}`));
      if (request.workspace_id !== undefined && request.workspace_id !== p.workspaceId) {
        throw new HttpError("FORBIDDEN", "workspace_id must be your own workspace (or left out)", { field: "workspace_id" });
      }
      if (request.user_id !== undefined && request.user_id !== p.actor.id) {
        const user = typeof request.user_id === "string" ? await storeFor(ctx.core, p.workspaceId).get("User", request.user_id) : undefined;
        if (!user) return answer(invalid(requestId, `The request is not valid: user_id: ${String(request.user_id)} is not a user of this workspace`));
      }
      await auditKeyUse(ctx, c, "ai_chat", { request_id: requestId });
      return answer(await ctx.runtime.orchestrate({ ...request, user_id: request.user_id ?? p.actor.id, workspace_id: p.workspaceId, request_id: requestId }));
    },
  );

  routes.add(
    {
      method: "get",
      path: "/api/v1/analytics/usage",
      operationId: "usage",
      summary: "Model usage: calls, tokens, cost by provider, latency, success rate (seed 002)",
      description: "Over [from, to) when given (ISO times), else everything. For admins and members, or an API key with `tools`.",
      tag: "AI",
      auth: ["user", "api_key"],
      permission: "tools",
      query: z.object({ from: z.iso.datetime({ offset: true }).optional(), to: z.iso.datetime({ offset: true }).optional() }),
      responses: {
        200: {
          description: "The workspace's usage",
          schema: z.object({
            api_calls_count: z.number().int(),
            total_tokens_used: z.number().int(),
            cost_breakdown: z.record(z.enum(PROVIDERS), z.number()).describe("USD by provider"),
            performance_metrics: z.object({ avg_response_time: z.number().describe("seconds"), success_rate: z.number().describe("0–1") }),
          }),
        },
      },
      errors: [400, 403],
    },
    async (c, { query }) => {
      const p = c.get("principal");
      if (p.actor.role === "customer") throw new HttpError("FORBIDDEN", "Usage analytics are for the workspace's admins and members");
      const iso = (t?: string) => (t ? new Date(t).toISOString() : undefined);
      await auditKeyUse(ctx, c, "analytics_usage");
      const report = await usageReport(storeFor(ctx.core, p.workspaceId), { from: iso(query.from), to: iso(query.to) });
      return c.json({
        api_calls_count: report.calls,
        total_tokens_used: report.tokens,
        cost_breakdown: report.cost_by_provider,
        performance_metrics: { avg_response_time: Math.round(report.avg_latency_ms) / 1000, success_rate: Math.round(report.success_rate * 10_000) / 10_000 },
      });
    },
  );
}
