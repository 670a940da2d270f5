import type { ProviderName } from "./providers/names.js";

/** The seed's error codes (004 §1.3): every failure of the orchestration layer is one of these. */
export const LLM_ERROR_CODES = ["INVALID_REQUEST", "QUOTA_EXCEEDED", "PROVIDER_API_ERROR"] as const;
export type LlmErrorCode = (typeof LLM_ERROR_CODES)[number];

export interface LlmErrorDetails {
  provider?: ProviderName;
  model?: string;
  /** HTTP status of the provider's last answer, when there was one. */
  status?: number;
  /** The provider's own error body (keys redacted), for the §1.3 `provider_error`. */
  providerError?: unknown;
}

/** A model call that could not be made or did not succeed; `message` is fit to show a person. */
export class LlmError extends Error {
  override readonly name = "LlmError";
  constructor(
    readonly code: LlmErrorCode,
    message: string,
    readonly details: LlmErrorDetails = {},
  ) {
    super(message);
  }
}

export function isLlmError(e: unknown): e is LlmError {
  return e instanceof LlmError;
}

/** The caller cancelled: never retried, never a fallback, rethrown as an abort. */
export function abortError(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  if (reason instanceof Error && reason.name === "AbortError") return reason;
  const error = new Error("the model call was cancelled");
  error.name = "AbortError";
  return error;
}
