import { describe, expect, it } from "vitest";
import { DEFAULT_RETRY, retryDelay, sleep } from "./backoff.js";
import { createCooldowns } from "./cooldown.js";
import { classifyFailure, type ProviderFailure } from "./failure.js";
import { retryAfterMs } from "./retry-after.js";

const NOW = Date.parse("2026-03-10T09:00:00Z");

describe("Retry-After", () => {
  it("reads seconds, milliseconds and HTTP dates, from Headers or plain records", () => {
    expect(retryAfterMs(new Headers({ "retry-after": "3" }), NOW)).toBe(3000);
    expect(retryAfterMs(new Headers({ "retry-after": "1.5" }), NOW)).toBe(1500);
    expect(retryAfterMs({ "Retry-After": "Tue, 10 Mar 2026 09:00:05 GMT" }, NOW)).toBe(5000);
    expect(retryAfterMs({ "retry-after": "Tue, 10 Mar 2026 08:59:00 GMT" }, NOW)).toBe(0);
    expect(retryAfterMs(new Headers({ "retry-after-ms": "250", "retry-after": "9" }), NOW)).toBe(250);
    expect(retryAfterMs(new Headers({ "retry-after": "soon" }), NOW)).toBeUndefined();
    expect(retryAfterMs(undefined, NOW)).toBeUndefined();
  });
});

describe("retryDelay", () => {
  it("waits what the provider asked, up to 60 s, and not at all beyond", () => {
    expect(retryDelay(DEFAULT_RETRY, 1, 60_000, () => 0.9)).toBe(60_000);
    expect(retryDelay(DEFAULT_RETRY, 1, 60_001, () => 0.9)).toBeUndefined();
  });

  it("otherwise draws uniformly below a doubling, capped ceiling (full jitter)", () => {
    const policy = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1000 };
    expect([1, 2, 3, 4, 5].map((n) => retryDelay(policy, n, undefined, () => 0.999))).toEqual([99, 199, 399, 799, 999]);
    expect(retryDelay(policy, 3, undefined, () => 0)).toBe(0);
  });
});

describe("sleep", () => {
  it("rejects as soon as the signal aborts", async () => {
    const controller = new AbortController();
    const waiting = sleep(10_000, controller.signal);
    controller.abort(new Error("stop"));
    await expect(waiting).rejects.toThrow("stop");
  });
});

describe("classifyFailure", () => {
  const at = { now: NOW, timedOut: false, cancelled: false };
  const http = (status: number, headers: Record<string, string> = {}, error: unknown = {}) => Object.assign(new Error(`${status}`), { status, headers: new Headers(headers), error });

  it.each([
    [400, "bad_request", false, false],
    [401, "auth", false, true],
    [403, "forbidden", false, true],
    [404, "not_found", false, false],
    [408, "bad_request", true, false],
    [429, "rate_limited", true, true],
    [500, "server", true, true],
    [529, "server", true, true],
  ])("%i is %s, retryable %s, against the key %s", (status, kind, retryable, againstKey) => {
    expect(classifyFailure(http(status), at)).toMatchObject({ kind, code: `http_${status}`, status, retryable, againstKey });
  });

  it("keeps the Retry-After of a 429 and does not retry OpenAI's exhausted quota", () => {
    expect(classifyFailure(http(429, { "retry-after": "4" }), at).retryAfterMs).toBe(4000);
    expect(classifyFailure(http(429, {}, { code: "insufficient_quota", message: "You exceeded your current quota" }), at)).toMatchObject({ kind: "quota", retryable: false });
  });

  it("reads Anthropic's in-stream errors by type", () => {
    expect(classifyFailure(Object.assign(new Error("Overloaded"), { type: "overloaded_error" }), at)).toMatchObject({ kind: "server", status: 529, retryable: true });
  });

  it("tells our timeout and the caller's cancellation from a dropped connection", () => {
    const aborted = Object.assign(new Error("aborted"), { name: "AbortError" });
    expect(classifyFailure(aborted, { ...at, timedOut: true })).toMatchObject({ kind: "timeout", retryable: true });
    expect(classifyFailure(aborted, { ...at, timedOut: true, cancelled: true })).toMatchObject({ kind: "cancelled", retryable: false });
    expect(classifyFailure(new TypeError("terminated"), at)).toMatchObject({ kind: "connection", retryable: true });
    expect(classifyFailure(Object.assign(new Error("Connection error."), { name: "APIConnectionError" }), at)).toMatchObject({ kind: "connection" });
  });
});

describe("cooldowns", () => {
  const failure = (f: Partial<ProviderFailure> = {}): ProviderFailure => ({ kind: "server", code: "http_500", retryable: true, againstKey: true, message: "", ...f });

  it("rest a key after repeated failures, for at least what the provider asked", () => {
    let now = NOW;
    const cooldowns = createCooldowns({ failures: 2, cooldownMs: 1000 }, () => now);
    cooldowns.failed("openai:a", failure());
    expect(cooldowns.restingUntil("openai:a")).toBeUndefined();
    cooldowns.failed("openai:a", failure({ retryAfterMs: 5000 }));
    expect(cooldowns.restingUntil("openai:a")).toBe(NOW + 5000);
    expect(cooldowns.restingUntil("openai:b")).toBeUndefined();
    now += 5000;
    expect(cooldowns.restingUntil("openai:a")).toBeUndefined();
  });

  it("forget failures after a success, and ignore failures that say nothing about the key", () => {
    const cooldowns = createCooldowns({ failures: 2, cooldownMs: 1000 }, () => NOW);
    cooldowns.failed("k", failure());
    cooldowns.succeeded("k");
    cooldowns.failed("k", failure());
    cooldowns.failed("k", failure({ kind: "bad_request", againstKey: false }));
    expect(cooldowns.restingUntil("k")).toBeUndefined();
  });
});
