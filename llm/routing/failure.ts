import { retryAfterMs, type HeaderSource } from "./retry-after.js";

export type FailureKind =
  | "rate_limited"
  | "server"
  | "auth"
  | "forbidden"
  | "bad_request"
  | "not_found"
  | "quota"
  | "timeout"
  | "connection"
  | "cancelled"
  | "other";

/** One failed attempt, classified for the retry loop, the cooldowns and the usage row. */
export interface ProviderFailure {
  kind: FailureKind;
  /** `http_429`, `timeout`, `connection`, `cancelled`…: the usage row's error_code. */
  code: string;
  status?: number;
  /** Worth another try against the same provider and key. */
  retryable: boolean;
  /** Says something about the key's health: counts toward its cooldown. */
  againstKey: boolean;
  retryAfterMs?: number;
  message: string;
  /** The provider's error body. */
  body?: unknown;
}

interface ErrorLike {
  status?: unknown;
  headers?: HeaderSource;
  error?: unknown;
  message?: unknown;
  name?: unknown;
  type?: unknown;
}

/** Anthropic reports errors inside a stream by type, without a status. */
const STATUS_OF_TYPE: Readonly<Record<string, number>> = {
  invalid_request_error: 400,
  authentication_error: 401,
  permission_error: 403,
  not_found_error: 404,
  rate_limit_error: 429,
  api_error: 500,
  overloaded_error: 529,
};

function kindOf(status: number): FailureKind {
  if (status === 401) return "auth";
  if (status === 403) return "forbidden";
  if (status === 404) return "not_found";
  if (status === 429) return "rate_limited";
  if (status >= 500) return "server";
  return "bad_request";
}

/** The error's code or type, wherever the SDK put it (OpenAI's keeps the inner `error`, Anthropic's the whole body). */
function bodyCode(body: unknown): string | undefined {
  const outer = body as { code?: unknown; error?: { code?: unknown; type?: unknown } } | undefined;
  const code = outer?.code ?? outer?.error?.code ?? outer?.error?.type;
  return typeof code === "string" ? code : undefined;
}

/**
 * Classifies what an SDK threw. `timedOut` and `cancelled` say which of our own signals fired
 * (an abort looks the same from inside the SDK whichever side pulled it).
 */
export function classifyFailure(e: unknown, at: { now: number; timedOut: boolean; cancelled: boolean }): ProviderFailure {
  const err = (typeof e === "object" && e !== null ? e : { message: String(e) }) as ErrorLike;
  const message = typeof err.message === "string" ? err.message : String(e);
  if (at.cancelled) return { kind: "cancelled", code: "cancelled", retryable: false, againstKey: false, message: "cancelled by the caller" };
  if (at.timedOut) return { kind: "timeout", code: "timeout", retryable: true, againstKey: true, message: "the provider did not answer in time" };
  const body = err.error;
  let status = typeof err.status === "number" ? err.status : undefined;
  if (status === undefined && typeof err.type === "string") status = STATUS_OF_TYPE[err.type];
  if (status === undefined) {
    const name = typeof err.name === "string" ? err.name : "";
    if (/timeout/i.test(name)) return { kind: "timeout", code: "timeout", retryable: true, againstKey: true, message };
    if (/connection|fetch|socket|network/i.test(`${name} ${message}`) || /ECONN|EPIPE|terminated/i.test(message)) {
      return { kind: "connection", code: "connection", retryable: true, againstKey: true, message };
    }
    return { kind: "other", code: "error", retryable: false, againstKey: false, message, body };
  }
  const kind = bodyCode(body) === "insufficient_quota" ? "quota" : kindOf(status);
  const retryable = kind !== "quota" && (status === 408 || status === 409 || status === 429 || status >= 500);
  const againstKey = kind === "auth" || kind === "forbidden" || kind === "rate_limited" || kind === "quota" || kind === "server";
  return { kind, code: `http_${status}`, status, retryable, againstKey, retryAfterMs: retryAfterMs(err.headers, at.now), message, body };
}
