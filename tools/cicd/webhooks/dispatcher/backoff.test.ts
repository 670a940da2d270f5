import { describe, expect, it } from "vitest";
import { backoffDelay, retryAfterMs, retryDelay } from "./backoff.js";
import { DEFAULT_POLICY } from "./policy.js";

const plain = { ...DEFAULT_POLICY.backoff, jitter: 0 };

describe("retry schedule", () => {
  it("grows exponentially from the base and stops at the cap", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffDelay(n, plain))).toEqual([
      10_000, 40_000, 160_000, 640_000, 2_560_000, 10_240_000, 28_800_000, 28_800_000,
    ]);
  });

  it("spreads each delay by at most the jitter fraction, never past the cap", () => {
    const b = DEFAULT_POLICY.backoff;
    expect(backoffDelay(2, b, () => 0)).toBe(32_000);
    expect(backoffDelay(2, b, () => 0.999999)).toBe(48_000);
    expect(backoffDelay(9, b, () => 0.999999)).toBe(b.maxMs);
  });

  it("reads Retry-After as seconds or as an HTTP date", () => {
    const now = Date.parse("2026-03-10T09:00:00Z");
    expect(retryAfterMs("120", now)).toBe(120_000);
    expect(retryAfterMs("Tue, 10 Mar 2026 09:05:00 GMT", now)).toBe(300_000);
    expect(retryAfterMs("Tue, 10 Mar 2026 08:00:00 GMT", now)).toBe(0);
    expect(retryAfterMs("soon", now)).toBeUndefined();
    expect(retryAfterMs(undefined, now)).toBeUndefined();
  });

  it("waits for Retry-After when it is longer than the backoff, up to the cap", () => {
    const policy = { backoff: plain, maxRetryAfterMs: 3_600_000 };
    expect(retryDelay(1, 120_000, policy)).toBe(120_000);
    expect(retryDelay(3, 1_000, policy)).toBe(160_000);
    expect(retryDelay(1, 86_400_000, policy)).toBe(3_600_000);
    expect(retryDelay(1, undefined, policy)).toBe(10_000);
  });
});
