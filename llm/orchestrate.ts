import { AIMessage, HumanMessage, SystemMessage, type AIMessageChunk, type BaseMessage } from "@langchain/core/messages";
import { concat } from "@langchain/core/utils/stream";
import type { z } from "zod";
import { OrchestrateRequest, type OrchestrateFailure, type OrchestrateResponse } from "./contract.js";
import { isLlmError, type LlmErrorCode } from "./errors.js";
import { routeInfoOf } from "./routed-model.js";
import type { Dispatcher } from "./routing/dispatch.js";

function failure(requestId: string | null, code: LlmErrorCode, message: string, providerError?: unknown): OrchestrateFailure {
  return { status: "error", request_id: requestId, error: { code, message, ...(providerError !== undefined ? { provider_error: providerError } : {}) } };
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ");
}

function messagesOf(request: OrchestrateRequest): BaseMessage[] {
  return [
    ...(request.system_prompt ? [new SystemMessage(request.system_prompt)] : []),
    ...(request.history ?? []).map((m) => (m.role === "user" ? new HumanMessage(m.content) : new AIMessage(m.content))),
    new HumanMessage(request.prompt),
  ];
}

const defined = <T>(v: T | null | undefined): T | undefined => v ?? undefined;

/**
 * The §1.3 contract: one prompt (with its system prompt and history) through the router,
 * answered in the seed's success or error shape. Errors are answers, not exceptions; only a
 * cancellation by the caller (and a bug) throws.
 */
export async function orchestrate(dispatcher: Dispatcher, request: unknown, options: { signal?: AbortSignal } = {}): Promise<OrchestrateResponse> {
  const given = (request as { request_id?: unknown } | null)?.request_id;
  const parsed = OrchestrateRequest.safeParse(request);
  if (!parsed.success) return failure(typeof given === "string" ? given : null, "INVALID_REQUEST", `The request is not valid: ${describeIssues(parsed.error)}`);
  const r = parsed.data;
  const p = r.parameters;
  let full: AIMessageChunk | undefined;
  try {
    const chunks = dispatcher.dispatch({
      messages: messagesOf(r),
      context: {
        workspace_id: r.workspace_id,
        user_id: r.user_id,
        request_id: r.request_id,
        provider: defined(r.provider),
        model: defined(r.model),
        params: { maxTokens: defined(p?.max_tokens), temperature: defined(p?.temperature), topP: defined(p?.top_p), stop: defined(p?.stop_sequences) },
      },
      streaming: false,
      signal: options.signal,
    });
    for await (const chunk of chunks) full = full ? concat(full, chunk) : chunk;
  } catch (e) {
    if (isLlmError(e)) return failure(r.request_id, e.code, e.message, e.details.providerError);
    throw e;
  }
  const info = routeInfoOf(full)!;
  return {
    status: "success",
    request_id: r.request_id,
    provider_response: {
      id: full?.id ?? info.usage_id ?? `${info.provider}-${r.request_id}`,
      choices: [{ message: { role: "assistant", content: typeof full?.content === "string" ? full.content : "" }, finish_reason: info.finish_reason }],
      usage: { prompt_tokens: info.prompt_tokens, completion_tokens: info.completion_tokens, total_tokens: info.prompt_tokens + info.completion_tokens },
    },
  };
}
