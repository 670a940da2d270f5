import { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { AIMessageChunk, type AIMessage, type BaseMessage } from "@langchain/core/messages";
import type { ChatGeneration } from "@langchain/core/outputs";
import { concat } from "@langchain/core/utils/stream";
import type { Store } from "../../entities/store.js";
import type { LlmEnv } from "../config.js";
import { abortError, LlmError } from "../errors.js";
import { redactText, redactValue } from "../keys/redact.js";
import type { LlmLogger } from "../log.js";
import { toolCallOptions, type ProviderSpec } from "../providers/create.js";
import { finishReasonIn, type FinishReason } from "../providers/finish-reason.js";
import { parseProvider, type ProviderName } from "../providers/names.js";
import { DEFAULT_MAX_TOKENS, type ModelParams } from "../providers/params.js";
import { llmStore, type LlmStoreDeps } from "../store.js";
import type { LlmToolDef } from "../types.js";
import { enforceBudget } from "../usage/budget.js";
import { costUsd, NO_TOKENS, type TokenUsage } from "../usage/cost.js";
import { estimatePromptTokens, worstCaseCostUsd } from "../usage/estimate.js";
import { priceOf, type ModelPrice, type PricingTable } from "../usage/pricing.js";
import { recordUsage, type UsageRow } from "../usage/record.js";
import { spentUsd } from "../usage/totals.js";
import { retryDelay, type RetryPolicy } from "./backoff.js";
import type { ModelChoice } from "./choice.js";
import type { Cooldowns } from "./cooldown.js";
import { classifyFailure, type ProviderFailure } from "./failure.js";
import { planTargets, type Target } from "./plan.js";
import type { WorkspaceConfigs } from "./workspace-config.js";

/** Who is asking and for what: carried by every model call, written on its usage row. */
export interface LlmContext {
  workspace_id?: string;
  user_id?: string;
  agent?: string;
  thread_id?: string;
  /** One turn of a thread, or any unit of work whose calls should be totalled together. */
  run_id?: string;
  request_id?: string;
  /** This request's own choice of provider (`claude` is `anthropic`) and model: above every other. */
  provider?: string;
  model?: string;
  params?: ModelParams;
}

export interface ModelCall {
  messages: BaseMessage[];
  tools?: LlmToolDef[];
  /** Call options for the bound model (the local provider reads `now` and `lastTool`). */
  bind?: Record<string, unknown>;
  context: LlmContext;
  streaming: boolean;
  signal?: AbortSignal;
}

/** What the router reports on the last chunk of a call (`response_metadata.flashfusion`). */
export interface RouteInfo {
  provider: ProviderName;
  model: string;
  key_source: "none" | "platform" | "workspace";
  /** Attempts across the whole chain, this one included. */
  attempts: number;
  usage_id: string | null;
  prompt_tokens: number;
  completion_tokens: number;
  cached_tokens: number;
  cost_usd: number | null;
  latency_ms: number;
  finish_reason: FinishReason;
}

export interface DispatcherDeps {
  env: LlmEnv;
  /** The platform's choice (CLI flags, runtime options): above the environment. */
  platform: ModelChoice & { baseURL?: string };
  agents: Readonly<Record<string, ModelChoice>>;
  fallback?: readonly ProviderName[];
  store?: LlmStoreDeps;
  /** Write usage rows for the local provider's calls too (no tokens, no cost). */
  recordLocalCalls: boolean;
  workspaces: WorkspaceConfigs;
  pricing: PricingTable;
  retry: RetryPolicy;
  cooldowns: Cooldowns;
  /** Deadline of one attempt, streaming included. */
  timeoutMs: number;
  logger: LlmLogger;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
  /** Wall-clock epoch ms, for Retry-After dates and cooldowns. */
  now: () => number;
  createModel: (spec: ProviderSpec, params: ModelParams) => BaseChatModel;
}

export interface Dispatcher {
  /** Runs one model call through the chain; yields the chosen provider's chunks, then one carrying the RouteInfo. */
  dispatch(call: ModelCall): AsyncGenerator<AIMessageChunk>;
}

interface Resolved {
  targets: Target[];
  budgetUsd: number | null;
  store?: Store;
}

type Outcome = { ok: true } | { ok: false; failure: ProviderFailure; committed: boolean };

/** A chunk a person would notice: text, or the start of a tool call. Until one arrives, the chain may still move on. */
function meaningful(chunk: AIMessageChunk): boolean {
  const content = chunk.content;
  return (typeof content === "string" ? content.length > 0 : content.length > 0) || (chunk.tool_call_chunks?.length ?? 0) > 0;
}

/** A provider reports some metadata (OpenAI's finish reason) beside the message; LangChain folds it in, and so do we. */
function withGenerationInfo<M extends { response_metadata: Record<string, unknown> }>(message: M, info: Record<string, unknown> | undefined): M {
  if (info) message.response_metadata = { ...info, ...message.response_metadata };
  return message;
}

function asChunk(m: AIMessage): AIMessageChunk {
  return new AIMessageChunk({
    id: m.id,
    content: m.content,
    additional_kwargs: m.additional_kwargs,
    response_metadata: m.response_metadata,
    usage_metadata: m.usage_metadata,
    tool_call_chunks: (m.tool_calls ?? []).map((c, index) => ({ type: "tool_call_chunk" as const, index, id: c.id, name: c.name, args: JSON.stringify(c.args) })),
  });
}

function tokensOf(message: AIMessageChunk | undefined): TokenUsage {
  const u = message?.usage_metadata;
  if (!u) return NO_TOKENS;
  return {
    prompt_tokens: u.input_tokens,
    completion_tokens: u.output_tokens,
    cached_tokens: u.input_token_details?.cache_read ?? 0,
    cache_write_tokens: u.input_token_details?.cache_creation ?? 0,
  };
}

function requestedChoice(context: LlmContext): ModelChoice {
  if (context.provider === undefined) return { model: context.model };
  const provider = parseProvider(context.provider);
  if (!provider) throw new LlmError("INVALID_REQUEST", `provider ${context.provider} is not available; use openai, anthropic (or claude) or local`);
  return { provider, model: context.model };
}

export function createDispatcher(deps: DispatcherDeps): Dispatcher {
  const warnedUnpriced = new Set<string>();

  function priceFor(target: Target): ModelPrice | undefined {
    const price = priceOf(deps.pricing, target.provider, target.model);
    const name = `${target.provider}/${target.model}`;
    if (!price && !warnedUnpriced.has(name)) {
      warnedUnpriced.add(name);
      deps.logger.warn(`no price for ${name} in pricing table ${deps.pricing.version}; its calls are recorded with an unknown cost`);
    }
    return price;
  }

  async function resolve(context: LlmContext): Promise<Resolved> {
    const requested = requestedChoice(context);
    const store = deps.store && context.workspace_id ? llmStore(deps.store, context.workspace_id) : undefined;
    const { settings, budgetUsd, keyIds } = store ? await deps.workspaces.get(store) : { settings: {}, budgetUsd: null, keyIds: {} };
    const agent = context.agent;
    const { provider: platformProvider, baseURL: platformURL, model: platformModel } = deps.platform;
    const targets = planTargets({
      levels: [
        ["request", requested],
        ["agent", (agent && settings.agents?.[agent]) || {}],
        ["agent", (agent && deps.agents[agent]) || {}],
        ["workspace", { provider: settings.provider, model: settings.model }],
        ["platform", { provider: platformProvider, model: platformModel }],
        ["environment", { provider: deps.env.provider, model: deps.env.model }],
      ],
      fallback: settings.fallback ?? deps.fallback,
      workspaceKeys: keyIds,
      platformKeys: deps.env.keys,
      baseURLs: { ...deps.env.baseURLs, ...(platformURL && platformProvider && platformProvider !== "local" ? { [platformProvider]: platformURL } : {}) },
    });
    return { targets, budgetUsd, store };
  }

  let localModel: BaseChatModel | undefined;

  /** Remote models are built per call (the key and parameters vary); the local one is shared. */
  function modelFor(target: Target, apiKey: string | undefined, params: ModelParams): BaseChatModel {
    if (target.provider === "local") return (localModel ??= deps.createModel({ provider: "local", tokenDelayMs: deps.env.localTokenDelayMs }, {}));
    return deps.createModel({ provider: target.provider, model: target.model, apiKey: apiKey!, baseURL: target.baseURL, timeoutMs: deps.timeoutMs + 5_000 }, params);
  }

  /** The target's key in clear, for this call only; a workspace key is opened from its sealed row. */
  async function keyOf(target: Target, store: Store | undefined): Promise<string | undefined> {
    const key = target.key;
    if (!key || key.source === "platform") return key?.value;
    try {
      const value = await store!.reveal("WorkspaceLlmKey", key.id, "key");
      if (value) return value;
    } catch {
      // removed or unreadable since the workspace was read: said below
    }
    deps.workspaces.forget(store!.workspaceId);
    throw new LlmError("PROVIDER_API_ERROR", `the workspace's ${target.provider} key could not be read; it may have just been removed, so please try again`, {
      provider: target.provider,
    });
  }

  async function record(store: Store | undefined, row: UsageRow): Promise<string | null> {
    if (!store || (row.provider === "local" && !deps.recordLocalCalls)) return null;
    try {
      return (await recordUsage(store, row)).id;
    } catch (e) {
      deps.logger.warn(`could not record the usage of a ${row.provider} call`, { error: e instanceof Error ? e.message : String(e) });
      return null;
    }
  }

  async function* dispatch(call: ModelCall): AsyncGenerator<AIMessageChunk> {
    if (call.signal?.aborted) throw abortError(call.signal);
    const { targets, budgetUsd, store } = await resolve(call.context);
    // Every key this call uses, cut out of anything it logs or answers.
    const secrets = targets.flatMap((t) => (t.key?.source === "platform" ? [t.key.value] : []));
    const params = call.context.params ?? {};
    const failures: { target: Target; failure: ProviderFailure; attempts: number }[] = [];
    const resting: { target: Target; until: number }[] = [];
    let attempts = 0;

    const rowFor = (target: Target, attempt: number, tokens: TokenUsage, price: ModelPrice | undefined, latency: number): UsageRow => ({
      request_id: call.context.request_id ?? null,
      provider: target.provider,
      model: target.model,
      key_source: target.key?.source ?? "none",
      user_id: call.context.user_id ?? null,
      agent: call.context.agent ?? null,
      thread_id: call.context.thread_id ?? null,
      run_id: call.context.run_id ?? null,
      attempt,
      ...tokens,
      latency_ms: latency,
      cost_usd: price ? costUsd(tokens, price) : null,
      pricing_version: price ? deps.pricing.version : null,
      status: "success",
      error_code: null,
    });

    /** One try against one target; yields what may be shown, answers how it went. */
    async function* attemptOnce(target: Target, apiKey: string | undefined, attempt: number, price: ModelPrice | undefined): AsyncGenerator<AIMessageChunk, Outcome> {
      const started = performance.now();
      // One signal for the attempt, aborted by its deadline or by the caller. (Forwarded by hand:
      // AbortSignal.any costs more than a local model's whole answer and holds its listeners.)
      const attemptAbort = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        attemptAbort.abort();
      }, deps.timeoutMs);
      const forward = () => attemptAbort.abort(call.signal!.reason);
      if (call.signal?.aborted) forward();
      else call.signal?.addEventListener("abort", forward, { once: true });
      const signal = attemptAbort.signal;
      const held: AIMessageChunk[] = [];
      let full: AIMessageChunk | undefined;
      let committed = false;
      try {
        // The provider's model is driven directly, as LangChain's own configurable model does:
        // the router's call is the one LangChain run, and no second one wraps each attempt.
        const model = modelFor(target, apiKey, params);
        const options = { ...toolCallOptions(target.provider, call.tools), ...call.bind, signal } as BaseChatModel["ParsedCallOptions"];
        if (call.streaming && model._streamResponseChunks !== BaseChatModel.prototype._streamResponseChunks) {
          for await (const generation of model._streamResponseChunks(call.messages, options)) {
            if (signal.aborted) break;
            const chunk = withGenerationInfo(generation.message as AIMessageChunk, generation.generationInfo);
            full = full ? concat(full, chunk) : chunk;
            if (committed) {
              yield chunk;
            } else if (meaningful(chunk)) {
              committed = true;
              yield* held.splice(0);
              yield chunk;
            } else held.push(chunk);
          }
        } else {
          const generation = (await model._generate(call.messages, options)).generations[0] as ChatGeneration;
          full = asChunk(withGenerationInfo(generation.message as AIMessage, generation.generationInfo));
          held.push(full);
        }
        if (signal.aborted) throw abortError(signal);
      } catch (e) {
        const failure = classifyFailure(e, { now: deps.now(), timedOut, cancelled: call.signal?.aborted === true });
        const row = rowFor(target, attempt, tokensOf(full), price, performance.now() - started);
        await record(store, { ...row, status: failure.kind === "cancelled" ? "cancelled" : "error", error_code: failure.code });
        return { ok: false, failure, committed };
      } finally {
        clearTimeout(timer);
        call.signal?.removeEventListener("abort", forward);
      }
      yield* held;
      const latency = performance.now() - started;
      const tokens = tokensOf(full);
      const row = rowFor(target, attempt, tokens, price, latency);
      const usageId = await record(store, row);
      const info: RouteInfo = {
        provider: target.provider,
        model: target.model,
        key_source: row.key_source,
        attempts,
        usage_id: usageId,
        prompt_tokens: tokens.prompt_tokens,
        completion_tokens: tokens.completion_tokens,
        cached_tokens: tokens.cached_tokens,
        cost_usd: row.cost_usd,
        latency_ms: Math.round(latency),
        finish_reason: finishReasonIn(full?.response_metadata),
      };
      yield new AIMessageChunk({ content: "", response_metadata: { flashfusion: info } });
      return { ok: true };
    }

    for (const target of targets) {
      const slot = target.key?.slot;
      const until = slot ? deps.cooldowns.restingUntil(slot) : undefined;
      if (until !== undefined) {
        resting.push({ target, until });
        continue;
      }
      const price = priceFor(target);
      if (budgetUsd !== null && store) {
        const worstCaseUsd = price ? worstCaseCostUsd(estimatePromptTokens(call.messages, call.tools), params.maxTokens ?? DEFAULT_MAX_TOKENS, price) : 0;
        if (!price) deps.logger.warn(`the budget of workspace ${store.workspaceId} cannot price a call to ${target.provider}/${target.model}; only what is already spent is checked`);
        // A call that costs nothing (the local provider) needs no look at the spending.
        if (!price || worstCaseUsd > 0) enforceBudget({ budgetUsd, spentUsd: await spentUsd(store), worstCaseUsd }, `${target.provider}/${target.model}`);
      }
      const apiKey = await keyOf(target, store);
      if (apiKey && target.key?.source === "workspace") secrets.push(apiKey);
      for (let attempt = 1; ; attempt++) {
        attempts += 1;
        const outcome = yield* attemptOnce(target, apiKey, attempt, price);
        if (outcome.ok) {
          if (slot) deps.cooldowns.succeeded(slot);
          return;
        }
        const { failure } = outcome;
        if (failure.kind === "cancelled") throw abortError(call.signal);
        if (slot) deps.cooldowns.failed(slot, failure);
        deps.logger.warn(`${target.provider}/${target.model} attempt ${attempt} failed (${failure.code}): ${redactText(failure.message, secrets)}`);
        if (outcome.committed) {
          throw new LlmError("PROVIDER_API_ERROR", `${target.provider} stopped in the middle of its reply (${failure.code}); please try again`, {
            provider: target.provider,
            model: target.model,
            status: failure.status,
            providerError: providerError(target, failure, secrets),
          });
        }
        const wait = failure.retryable && attempt < deps.retry.maxAttempts ? retryDelay(deps.retry, attempt, failure.retryAfterMs, deps.random) : undefined;
        if (wait === undefined) {
          failures.push({ target, failure, attempts: attempt });
          break;
        }
        try {
          await deps.sleep(wait, call.signal);
        } catch {
          throw abortError(call.signal);
        }
      }
    }
    throw chainError(failures, resting, secrets, deps.now());
  }

  return { dispatch };
}

/** Why no provider answered, in words for a person, with the last provider's own error attached. */
function chainError(
  failures: { target: Target; failure: ProviderFailure; attempts: number }[],
  resting: { target: Target; until: number }[],
  secrets: string[],
  now: number,
): LlmError {
  const parts = failures.map(({ target, failure, attempts }) => `${target.provider} (${target.model}) ${failure.status ? `answered ${failure.status}` : failure.code}${attempts > 1 ? ` after ${attempts} attempts` : ""}`);
  for (const { target, until } of resting) parts.push(`${target.provider} is resting after repeated failures for ${Math.ceil((until - now) / 1000)} s`);
  const last = failures.at(-1);
  return new LlmError("PROVIDER_API_ERROR", redactText(`No model provider could answer: ${parts.join("; ")}.`, secrets), {
    provider: last?.target.provider ?? resting.at(-1)?.target.provider,
    model: last?.target.model ?? resting.at(-1)?.target.model,
    status: last?.failure.status,
    providerError: last ? providerError(last.target, last.failure, secrets) : undefined,
  });
}

/** The provider's own error as its SDK reported it, with the provider and status it came with. */
function providerError(target: Target, failure: ProviderFailure, secrets: string[]): unknown {
  if (failure.body === undefined && failure.status === undefined) return undefined;
  return redactValue({ provider: target.provider, status: failure.status ?? null, error: failure.body ?? null }, secrets);
}
