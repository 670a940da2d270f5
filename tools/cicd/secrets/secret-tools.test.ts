import { dumpEveryRow } from "../../../entities/scratch.js";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestKit, type TestKit } from "../../testing.js";
import { secretTools, setSecretValue } from "./index.js";

const VALUE = "sk_live_7Hq2NvX9pLr4Tz8Kc3Wm";

let kit: TestKit;
let logged: string[];
beforeEach(() => {
  logged = [];
  for (const method of ["log", "info", "warn", "error", "debug"] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" ")));
  }
});
afterEach(async () => {
  vi.restoreAllMocks();
  await kit.close();
});

async function setup() {
  kit = await createTestKit({ tools: secretTools, now: "2026-03-10T09:00:00Z" });
  await kit.store.insert("Environment", { id: "env_stg", name: "staging", type: "staging" });
  await kit.store.insert("Environment", { id: "env_prod", name: "production", type: "production", protection_enabled: true });
}

async function ok<T>(name: string, input: unknown): Promise<{ output: T; reply: string }> {
  const out = await kit.callApproved(name, input);
  if (out.status !== "ok") throw new Error(`${name} did not run`);
  return { output: out.output as T, reply: out.reply };
}

/** Every row of every table, as text: where a leaked value would show. */
function everything(): Promise<string> {
  return dumpEveryRow(kit.db);
}

type View = { id: string; name: string; environments: { name: string }[]; all_environments: boolean; version: number; state: string; expires_at: string | null; rotation_due: boolean };

describe("secret tools", () => {
  it("creates a secret scoped to environments by name, without a value, and says how to set one", async () => {
    await setup();
    const { output, reply } = await ok<View>("create_secret", { name: "deploy_token", environments: "staging and production", expires_in_days: 90 });
    expect(output).toMatchObject({ name: "DEPLOY_TOKEN", environments: [{ name: "staging" }, { name: "production" }], version: 0, state: "no_value", expires_at: "2026-06-08T09:00:00.000Z" });
    expect(reply).toBe(
      "Created secret DEPLOY_TOKEN for staging, production, expiring 2026-06-08. It has no value yet: run `flashfusion secrets set DEPLOY_TOKEN` in a terminal and enter the value on standard input (values are never accepted in chat).",
    );
    expect(await kit.store.find("Secret")).toMatchObject([{ name: "DEPLOY_TOKEN", environment_ids: ["env_stg", "env_prod"] }]);
    expect(await kit.store.reveal("Secret", output.id as never, "value")).toBeNull();

    expect((await ok<View>("create_secret", { name: "SENTRY_DSN", environments: ["env_prod"] })).output.environments).toEqual([{ id: "env_prod", name: "production" }]);
    expect((await ok<View>("create_secret", { name: "NPM_TOKEN", environments: "all environments" })).output).toMatchObject({ all_environments: true, environments: [] });
  });

  it("refuses a value in chat, stores nothing, and keeps the value out of every row and log", async () => {
    await setup();
    await expect(kit.call("create_secret", { name: "STRIPE_KEY", environments: "production", value: VALUE })).rejects.toMatchObject({
      code: "VALIDATION",
      details: { field: "value" },
      message: expect.stringContaining("`flashfusion secrets set STRIPE_KEY`, which reads it from standard input"),
    });
    expect(await kit.store.count("Secret")).toBe(0);
    expect(await kit.store.find("AuditLog", { action: "create_secret" })).toMatchObject([{ status: "failed", details: { error: "VALIDATION" } }]);
    expect(await everything()).not.toContain(VALUE);
    expect(logged.join("\n")).not.toContain(VALUE);
  });

  it("refuses a value given to rotate before asking for approval", async () => {
    await setup();
    await kit.db.kysely.transaction().execute((trx) => setSecretValue(kit.store.with(trx), { name: "STRIPE_KEY", value: VALUE, environments: "production" }));
    await expect(kit.call("rotate_secret", { secret: "stripe_key", value: "sk_live_other_value_123" })).rejects.toMatchObject({ code: "VALIDATION", details: { field: "value" } });
    expect(await kit.store.count("PendingApproval")).toBe(0);
    expect(await kit.store.reveal("Secret", (await kit.store.find("Secret"))[0]!.id, "value")).toBe(VALUE);
    const dump = await everything();
    for (const leaked of [VALUE, "sk_live_other_value_123"]) {
      expect(dump).not.toContain(leaked);
      expect(logged.join("\n")).not.toContain(leaked);
    }
  });

  it("names unknown environments instead of narrowing the scope, and refuses bad names and past expiries", async () => {
    await setup();
    await expect(kit.call("create_secret", { name: "X", environments: "staging and prodution" })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: 'No environment "prodution" in this workspace; there are: production, staging (or say all environments)',
    });
    await expect(kit.call("create_secret", { name: "deploy token!", environments: "staging" })).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringContaining("for example DEPLOY_TOKEN_"),
    });
    await expect(kit.call("create_secret", { name: "X", environments: "staging", expires_at: "2026-03-01T00:00:00Z" })).rejects.toMatchObject({ code: "VALIDATION", details: { field: "expires_at" } });
    await ok("create_secret", { name: "X", environments: "staging" });
    await expect(kit.call("create_secret", { name: "x", environments: "production" })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await kit.store.count("Secret")).toBe(1);
  });

  it("lists names, scopes, states and dates, never values", async () => {
    await setup();
    const set = (name: string, environments: string, extra: Record<string, unknown> = {}) =>
      kit.db.kysely.transaction().execute(async (trx) => {
        const s = kit.store.with(trx);
        const { secret } = await setSecretValue(s, { name, value: `${VALUE}-${name}`, environments });
        if (Object.keys(extra).length) await s.update("Secret", secret.id, extra);
      });
    await set("DATABASE_URL", "production", { last_rotated_at: "2025-11-01T00:00:00Z" });
    await set("OLD_TOKEN", "staging", { expires_at: "2026-03-01T00:00:00Z" });
    await set("SOON_TOKEN", "all", { expires_at: "2026-03-25T00:00:00Z" });
    await ok("create_secret", { name: "EMPTY", environments: "staging" });

    const all = await ok<{ secrets: View[] }>("list_secrets", {});
    expect(all.output.secrets.map((s) => [s.name, s.state, s.rotation_due])).toEqual([
      ["DATABASE_URL", "active", true],
      ["EMPTY", "no_value", false],
      ["OLD_TOKEN", "expired", false],
      ["SOON_TOKEN", "expiring", false],
    ]);
    expect(all.reply).toBe(
      [
        "Secrets (4):",
        "- DATABASE_URL (production): version 1, no expiry, last set 2025-11-01, due for rotation",
        "- EMPTY (staging): no value yet, no expiry",
        "- OLD_TOKEN (staging): version 1, EXPIRED 2026-03-01, last set 2026-03-10",
        "- SOON_TOKEN (every environment): version 1, expires 2026-03-25, last set 2026-03-10",
      ].join("\n"),
    );
    const staging = await ok<{ secrets: View[] }>("list_secrets", { environment: "staging" });
    expect(staging.output.secrets.map((s) => s.name)).toEqual(["EMPTY", "OLD_TOKEN", "SOON_TOKEN"]);
    expect((await ok<{ secrets: View[] }>("list_secrets", { state: "expired" })).output.secrets.map((s) => s.name)).toEqual(["OLD_TOKEN"]);
    expect(JSON.stringify([all, staging])).not.toContain(VALUE);
  });

  it("rotates to a new generated value after approval, never showing either value", async () => {
    await setup();
    await kit.db.kysely.transaction().execute((trx) => setSecretValue(kit.store.with(trx), { name: "SESSION_SECRET", value: VALUE, environments: "staging,production" }));
    const [secret] = await kit.store.find("Secret");

    const asked = await kit.call("rotate_secret", { secret: "session_secret", expires_in_days: 60 });
    expect(asked).toMatchObject({
      status: "approval_required",
      approval: {
        summary:
          "Replace the value of secret SESSION_SECRET (version 1, staging, production) with a newly generated random value, expiring 2026-05-09; the current value is discarded. If the value comes from another service, set it with `flashfusion secrets set SESSION_SECRET` instead",
      },
    });
    expect(await kit.store.reveal("Secret", secret!.id, "value")).toBe(VALUE);

    const { output, reply } = await ok<View>("rotate_secret", { secret: "session_secret", expires_in_days: 60 });
    expect(output).toMatchObject({ name: "SESSION_SECRET", version: 2, state: "active", expires_at: "2026-05-09T09:00:00.000Z" });
    expect(reply).toMatch(/^Rotated secret SESSION_SECRET \(staging, production\): version 2 holds a newly generated value, which is never shown/);
    const rotated = await kit.store.reveal("Secret", secret!.id, "value");
    expect(rotated).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(rotated).not.toBe(VALUE);
    const dump = await everything();
    for (const leaked of [VALUE, rotated!]) {
      expect(dump).not.toContain(leaked);
      expect(logged.join("\n")).not.toContain(leaked);
    }
  });

  it("deletes a secret after approval", async () => {
    await setup();
    await ok("create_secret", { name: "TEMP_TOKEN", environments: "staging" });
    const asked = await kit.call("delete_secret", { secret: "temp_token" });
    expect(asked).toMatchObject({ status: "approval_required", approval: { summary: "Delete secret TEMP_TOKEN (staging) and its value for good; runs that use it will fail" } });
    expect(await kit.store.count("Secret")).toBe(1);
    expect((await ok("delete_secret", { secret: "TEMP_TOKEN" })).reply).toBe("Deleted secret TEMP_TOKEN (staging) and its value.");
    expect(await kit.store.count("Secret")).toBe(0);
    await expect(kit.call("delete_secret", { secret: "TEMP_TOKEN" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
