/** How the dispatcher delivers: every number here can be changed per dispatcher (tests shrink them). */
export interface DeliveryPolicy {
  /** Longest a whole attempt may take (DNS, connect, response headers and body). */
  timeoutMs: number;
  /** Attempts before a delivery is given up as `failed`. */
  maxAttempts: number;
  backoff: Backoff;
  /** The longest `Retry-After` honoured; a longer one is cut to this. */
  maxRetryAfterMs: number;
  /** At most `limit` events per endpoint in any `windowMs` (the seed: 100 a minute). */
  rateLimit: { limit: number; windowMs: number };
  /** Attempts in flight at once, over all endpoints. */
  concurrency: number;
  /** Deliveries claimed per look at the queue. */
  batchSize: number;
  /** A claimed delivery whose process died is claimed again after this long. */
  leaseMs: number;
  /** Longest sleep between looks at the queue (rows another process queued). */
  pollMs: number;
}

/** Retry n (1-based) waits baseMs × factor^(n−1), at most maxMs, spread by ±jitter. */
export interface Backoff {
  baseMs: number;
  factor: number;
  maxMs: number;
  /** Fraction of the delay added or removed at random, so endpoints that failed together do not retry together. */
  jitter: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

// 10 s, 40 s, 2m40s, 10m40s, 42m40s, 2h50m, then 8 h: ten attempts over about a day.
export const DEFAULT_POLICY: DeliveryPolicy = {
  timeoutMs: 10_000,
  maxAttempts: 10,
  backoff: { baseMs: 10_000, factor: 4, maxMs: 8 * HOUR, jitter: 0.2 },
  maxRetryAfterMs: 24 * HOUR,
  rateLimit: { limit: 100, windowMs: MINUTE },
  concurrency: 16,
  batchSize: 64,
  leaseMs: 10_000 + 30_000,
  pollMs: 30_000,
};

export type PolicyOverrides = Partial<Omit<DeliveryPolicy, "backoff" | "rateLimit">> & {
  backoff?: Partial<Backoff>;
  rateLimit?: Partial<DeliveryPolicy["rateLimit"]>;
};

export function policyWith(overrides: PolicyOverrides = {}): DeliveryPolicy {
  const timeoutMs = overrides.timeoutMs ?? DEFAULT_POLICY.timeoutMs;
  return {
    ...DEFAULT_POLICY,
    ...overrides,
    leaseMs: overrides.leaseMs ?? timeoutMs + 30_000,
    backoff: { ...DEFAULT_POLICY.backoff, ...overrides.backoff },
    rateLimit: { ...DEFAULT_POLICY.rateLimit, ...overrides.rateLimit },
  };
}
