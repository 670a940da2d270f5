import { EndpointRefused, resolveEndpoint, type HostAllowlist, type Lookup } from "./endpoint-guard.js";
import { retryAfterMs } from "./backoff.js";
import { postBody, type Agents } from "./post.js";
import type { Delivery } from "./queue.js";
import { signatureHeaders } from "./sign.js";

/** What one attempt came to; recordOutcome turns it into the delivery's next state. */
export type Outcome =
  | { kind: "delivered"; status: number; latencyMs: number }
  /** 410 Gone: the receiver says the endpoint no longer exists. */
  | { kind: "gone"; status: number; latencyMs: number }
  | { kind: "retry"; status: number | null; latencyMs: number | null; error: string; retryAfterMs?: number }
  /** Refused by policy (private address, plain http): retrying would not help. */
  | { kind: "refused"; error: string }
  /** The dispatcher stopped mid-attempt: try again as soon as it runs. */
  | { kind: "interrupted" };

export interface AttemptInput {
  delivery: Delivery;
  url: string;
  /** The endpoint's signing secret: used to sign, never stored elsewhere or logged. */
  secret: string;
  /** The dispatcher's clock at the attempt (ms), for `webhook-timestamp`. */
  nowMs: number;
  timeoutMs: number;
  allowlist: HostAllowlist;
  lookup?: Lookup;
  agents: Agents;
  /** Aborted when the dispatcher stops. */
  signal: AbortSignal;
}

function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

function describe(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const code = (e as NodeJS.ErrnoException).code;
  return code && !e.message.includes(code) ? `${code}: ${e.message}` : e.message;
}

/** One signed POST of a delivery's payload, within the timeout (DNS included). */
export async function attemptDelivery(a: AttemptInput): Promise<Outcome> {
  const timeout = AbortSignal.timeout(a.timeoutMs);
  const signal = AbortSignal.any([a.signal, timeout]);
  const started = performance.now();
  try {
    const endpoint = await abortable(resolveEndpoint(new URL(a.url), a.allowlist, a.lookup), signal);
    const body = Buffer.from(JSON.stringify(a.delivery.payload), "utf8");
    const headers = signatureHeaders(a.secret, { id: a.delivery.id, timestamp: Math.floor(a.nowMs / 1000), body, event: a.delivery.event });
    const res = await postBody(endpoint, body, headers, { agents: a.agents, signal });
    if (res.status >= 200 && res.status < 300) return { kind: "delivered", status: res.status, latencyMs: res.latencyMs };
    if (res.status === 410) return { kind: "gone", status: res.status, latencyMs: res.latencyMs };
    const redirect = res.status >= 300 && res.status < 400 ? " (redirects are not followed; register the final URL)" : "";
    return {
      kind: "retry",
      status: res.status,
      latencyMs: res.latencyMs,
      error: `the endpoint answered HTTP ${res.status}${redirect}`,
      retryAfterMs: retryAfterMs(res.retryAfter, a.nowMs),
    };
  } catch (e) {
    if (e instanceof EndpointRefused) return { kind: "refused", error: e.message };
    if (a.signal.aborted) return { kind: "interrupted" };
    const latencyMs = performance.now() - started;
    if (timeout.aborted) return { kind: "retry", status: null, latencyMs, error: `no answer within ${a.timeoutMs} ms` };
    return { kind: "retry", status: null, latencyMs: null, error: describe(e) };
  }
}
