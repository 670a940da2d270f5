import type { Backoff } from "./policy.js";

/** The wait before retry `retry` (1 = the first retry), with jitter drawn from `random`. */
export function backoffDelay(retry: number, backoff: Backoff, random: () => number = Math.random): number {
  const plain = Math.min(backoff.maxMs, backoff.baseMs * backoff.factor ** Math.max(0, retry - 1));
  const spread = plain * backoff.jitter * (2 * random() - 1);
  return Math.max(0, Math.round(Math.min(backoff.maxMs, plain + spread)));
}

/**
 * A `Retry-After` header as milliseconds from `nowMs`: delta-seconds ("120") or an HTTP date.
 * Undefined when absent or unreadable.
 */
export function retryAfterMs(header: string | undefined, nowMs: number): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** The wait before the next attempt: the backoff, or longer when the endpoint asked for it (capped). */
export function retryDelay(
  retry: number,
  retryAfter: number | undefined,
  policy: { backoff: Backoff; maxRetryAfterMs: number },
  random?: () => number,
): number {
  const backoff = backoffDelay(retry, policy.backoff, random);
  return retryAfter === undefined ? backoff : Math.max(backoff, Math.min(retryAfter, policy.maxRetryAfterMs));
}
