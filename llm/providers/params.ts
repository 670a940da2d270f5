/** Sampling parameters a caller may set per request (seed 004 §1.3 `parameters`). */
export interface ModelParams {
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  stop?: string[];
}

/**
 * Every call carries a ceiling on its output: the budget check prices the worst case, and a
 * call without one could run to the model's own limit.
 */
export const DEFAULT_MAX_TOKENS = 4096;

/** Where and as whom a remote provider is called. */
export interface ProviderConnection {
  model: string;
  apiKey: string;
  /** The API's root: `https://api.openai.com/v1`, `https://api.anthropic.com`, or a stand-in. */
  baseURL?: string;
  /** The SDK's own per-request timeout; the router's deadline is usually shorter. */
  timeoutMs?: number;
}
