import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { readLlmEnv } from "./config.js";
import { LlmError } from "./errors.js";
import { LocalChatModel } from "./providers/local/model.js";
import { parseProvider } from "./providers/names.js";
import { createLlmRouter, type LlmRouterOptions } from "./router.js";

export type ChatModelOptions = Omit<LlmRouterOptions, "provider" | "fallback">;

/**
 * The provider seam: every provider is a LangChain chat model that binds `LlmToolDef[]`.
 * `local` is the local provider itself; `openai` and `anthropic` (alias `claude`) are the
 * router held to that one provider, so calls still get retries, timeouts and cooldowns. For
 * routing per request, agent and workspace, with fallback and accounting, use `createLlmRouter`.
 */
export function createChatModel(provider: string = "local", options: ChatModelOptions = {}): BaseChatModel {
  const name = parseProvider(provider);
  if (!name) throw new LlmError("INVALID_REQUEST", `provider ${provider} is not available; use local, openai or anthropic`);
  if (name === "local") return new LocalChatModel({ tokenDelayMs: readLlmEnv(options.env ?? process.env).localTokenDelayMs });
  return createLlmRouter({ ...options, provider: name, fallback: [] }).model;
}

export { createLlmRouter, type LlmRouter, type LlmRouterOptions } from "./router.js";
export { RoutedChatModel, routeInfoOf, type RoutedCallOptions } from "./routed-model.js";
export type { LlmContext, RouteInfo } from "./routing/dispatch.js";
export type { ModelChoice, WorkspaceLlmSettings } from "./routing/choice.js";
export { OrchestrateRequest, type OrchestrateResponse, type OrchestrateSuccess, type OrchestrateFailure } from "./contract.js";
export { LlmError, isLlmError, LLM_ERROR_CODES, type LlmErrorCode } from "./errors.js";
export { PROVIDERS, REMOTE_PROVIDERS, DEFAULT_MODELS, parseProvider, type ProviderName, type RemoteProvider } from "./providers/names.js";
export { OpenAIChatModel } from "./providers/openai/model.js";
export { AnthropicChatModel } from "./providers/anthropic/model.js";
export { stripHints, toOpenAITool, toAnthropicTool } from "./providers/tool-schema.js";
export type { ModelParams } from "./providers/params.js";
export { loadPricing, priceOf, type PricingTable, type ModelPrice } from "./usage/pricing.js";
export { costUsd, type TokenUsage } from "./usage/cost.js";
export type { UsageScope, UsageTotals } from "./usage/totals.js";
export type { LlmStoreDeps } from "./store.js";
export type { WorkspaceKeyInfo } from "./keys/workspace-keys.js";
export type { LlmLogger } from "./log.js";

export { LocalChatModel } from "./providers/local/model.js";
export type { LlmToolDef, JsonSchema } from "./types.js";
export { analyse, indexTools, rankTools } from "./providers/local/rank.js";
export { DECLINE_BELOW, type LocalMeta, type ToolResultMeta } from "./providers/local/conversation.js";
