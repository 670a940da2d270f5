import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { LocalChatModel } from "./providers/local/model.js";

export type ProviderName = "local" | "openai" | "anthropic";

/**
 * The provider seam: every provider is a LangChain chat model with tool binding. Only the local
 * provider exists so far; OpenAI and Anthropic arrive with the LLM orchestration layer.
 */
export function createChatModel(provider: string = "local"): BaseChatModel {
  switch (provider) {
    case "local":
      return new LocalChatModel();
    default:
      throw new Error(`provider ${provider} is not available yet; use --provider local`);
  }
}

export { LocalChatModel } from "./providers/local/model.js";
export type { LlmToolDef, JsonSchema } from "./types.js";
export { analyse, indexTools, rankTools } from "./providers/local/rank.js";
export { DECLINE_BELOW, type LocalMeta, type ToolResultMeta } from "./providers/local/conversation.js";
