import { afterEach, describe, expect, it } from "vitest";
import { createTestKit, type TestKit } from "../../testing.js";
import { okOutput } from "../test-support.js";

let kit: TestKit;
afterEach(() => kit?.close());

const NOW = Date.parse("2026-03-10T09:00:00Z");
const at = (days: number) => new Date(NOW + days * 86_400_000).toISOString();
const hash = (n: number) => String(n).padStart(64, "0");

describe("check_expiring_keys", () => {
  it("lists the key expiring in 5 days only — not one with 200 days left, nor a revoked one — and changes no key", async () => {
    kit = await createTestKit();
    await kit.store.insert("APIKey", { name: "deploy-bot", key_hash: hash(1), key_preview: "ffai_...a1b2", permissions: ["trigger_pipeline"], expires_at: at(5) });
    await kit.store.insert("APIKey", { name: "analytics-ro", key_hash: hash(2), key_preview: "ffai_...c3d4", permissions: ["read_runs"], expires_at: at(200) });
    await kit.store.insert("APIKey", { name: "revoked-ci", key_hash: hash(3), key_preview: "ffai_...e5f6", permissions: ["read_runs"], expires_at: at(3), revoked_at: at(-1) });
    await kit.store.insert("APIKey", { name: "expired-ci", key_hash: hash(4), permissions: ["read_runs"], expires_at: at(-2) });
    const before = await kit.store.find("APIKey");

    const { output, reply } = await okOutput<{ days: number; keys: { name: string; days_left: number }[] }>(await kit.call("check_expiring_keys", {}));
    expect(output.days).toBe(30);
    expect(output.keys.map((k) => [k.name, k.days_left])).toEqual([["deploy-bot", 5]]);
    expect(reply).toContain("deploy-bot (ffai_...a1b2) expires 2026-03-15, in 5 days");
    for (const other of ["analytics-ro", "revoked-ci", "expired-ci", hash(1)]) expect(reply).not.toContain(other);
    expect(await kit.store.find("APIKey")).toEqual(before);
  });

  it("looks as far ahead as asked, boundary included, soonest first", async () => {
    kit = await createTestKit();
    await kit.store.insert("APIKey", { name: "later", key_hash: hash(1), expires_at: at(200) });
    await kit.store.insert("APIKey", { name: "sooner", key_hash: hash(2), expires_at: at(40) });
    const names = async (days?: number) =>
      okOutput<{ keys: { name: string }[] }>(await kit.call("check_expiring_keys", days ? { days } : {})).output.keys.map((k) => k.name);
    expect(await names()).toEqual([]);
    expect(await names(40)).toEqual(["sooner"]);
    expect(await names(365)).toEqual(["sooner", "later"]);
    expect(okOutput(await kit.call("check_expiring_keys", {})).reply).toBe("No API keys expire within the next 30 days.");
  });
});

describe("find_stale_secrets", () => {
  it("lists STRIPE_SECRET (200 days) but not SENTRY_DSN (10 days), never a value", async () => {
    kit = await createTestKit();
    await kit.store.insert("Secret", { name: "STRIPE_SECRET", environment_ids: [], last_rotated_at: at(-200), value: "sk-value-never-shown" });
    await kit.store.insert("Secret", { name: "SENTRY_DSN", environment_ids: [], last_rotated_at: at(-10) });
    await kit.store.insert("Secret", { name: "NEVER_ROTATED", created_at: at(-95) });
    const { output, reply } = okOutput<{ secrets: { name: string; days_since_rotation: number }[] }>(await kit.call("find_stale_secrets", {}));
    expect(output.secrets.map((s) => [s.name, s.days_since_rotation])).toEqual([["STRIPE_SECRET", 200], ["NEVER_ROTATED", 95]]);
    expect(reply).toContain("STRIPE_SECRET: last rotated 2025-08-22, 200 days ago");
    expect(reply).toContain("NEVER_ROTATED: never rotated");
    expect(reply).not.toContain("SENTRY_DSN");
    expect(reply).not.toContain("sk-value-never-shown");
    expect(okOutput<{ secrets: unknown[] }>(await kit.call("find_stale_secrets", { days: 5 })).output.secrets).toHaveLength(3);
  });
});

describe("find_unused_keys", () => {
  it("lists active keys idle for more than 90 days, counting from creation when never used", async () => {
    kit = await createTestKit();
    await kit.store.insert("APIKey", { name: "busy", key_hash: hash(1), last_used: at(-1) });
    await kit.store.insert("APIKey", { name: "dormant", key_hash: hash(2), last_used: at(-120) });
    await kit.store.insert("APIKey", { name: "never", key_hash: hash(3), created_at: at(-100) });
    await kit.store.insert("APIKey", { name: "gone", key_hash: hash(4), last_used: at(-300), revoked_at: at(-200) });
    const { output, reply } = okOutput<{ keys: { name: string; idle_days: number }[] }>(await kit.call("find_unused_keys", {}));
    expect(output.keys.map((k) => [k.name, k.idle_days])).toEqual([["dormant", 120], ["never", 100]]);
    expect(reply).toMatch(/dormant: last used 2025-11-10, 120 days ago/);
    expect(reply).not.toMatch(/busy|gone/);
  });
});
