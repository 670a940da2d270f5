import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dumpEveryRow, openTestDb } from "../../../entities/scratch.js";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fixedClock } from "../../../entities/clock.js";
import { createCipher } from "../../../entities/crypto.js";
import { randomIds } from "../../../entities/ids.js";
import { Store } from "../../../entities/store.js";
import { ensureWorkspace } from "../../../entities/workspace.js";
import { decideApproval } from "../../door.js";
import { createTestKit, type TestKit } from "../../testing.js";
import { crc32, generateApiKey, hashApiKey, isWellFormedApiKey, KEY_LENGTH, KEY_PATTERN, keyPreview } from "./key-format.js";
import { verifyApiKey } from "./verify-api-key.js";

let kit: TestKit | undefined;
afterEach(async () => {
  await kit?.close();
  kit = undefined;
});

/** Every row of every table, as text: what a database dump would show. */
function dump(k: TestKit): Promise<string> {
  return dumpEveryRow(k.db);
}

async function create(k: TestKit, input: Record<string, unknown>): Promise<{ id: string; plaintext: string; reply: string; safeReply: string }> {
  const out = await k.call("create_api_key", input);
  if (out.status !== "ok") throw new Error("expected a key");
  const o = out.output as { id: string; plaintext_key: string };
  return { id: o.id, plaintext: o.plaintext_key, reply: out.reply, safeReply: out.safeReply };
}

describe("the API key format", () => {
  it("is ffai_ + 30 random base62 characters + a CRC-32 checksum, so a typo or a fake is recognised offline", () => {
    const keys = new Set(Array.from({ length: 200 }, generateApiKey));
    expect(keys.size).toBe(200);
    for (const key of keys) {
      expect(key).toMatch(/^ffai_[0-9A-Za-z]{36}$/);
      expect(key).toHaveLength(KEY_LENGTH);
      expect(isWellFormedApiKey(key)).toBe(true);
    }
    const key = [...keys][0]!;
    const typo = key.slice(0, 10) + (key[10] === "a" ? "b" : "a") + key.slice(11);
    expect(isWellFormedApiKey(typo)).toBe(false);
    expect(isWellFormedApiKey(`ffai_${"A".repeat(36)}`)).toBe(false);
    expect(isWellFormedApiKey(key.replace("ffai_", "ffak_"))).toBe(false);
    expect(`leaked in a log: ${key}.`.match(KEY_PATTERN)).toEqual([key]);
    expect(crc32("123456789")).toBe(0xcbf43926);
    expect(keyPreview(key)).toBe(`ffai_...${key.slice(-4)}`);
    expect(hashApiKey(key)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("API keys", () => {
  it("shows the key once and keeps only its SHA-256 hash: the plaintext is nowhere in the database", async () => {
    kit = await createTestKit();
    await kit.store.insert("PipelineConfig", { id: "pl_web", name: "webapp-pipeline", provider: "local" });
    const { id, plaintext, reply, safeReply } = await create(kit, {
      name: "deploy-bot",
      permissions: ["trigger_pipeline", "read_runs"],
      pipelines: "webapp-pipeline",
      expires_in_days: 90,
    });
    expect(reply).toContain(plaintext);
    expect(safeReply).not.toContain(plaintext);
    const row = await kit.store.require("APIKey", id);
    expect(row).toMatchObject({
      name: "deploy-bot",
      key_hash: hashApiKey(plaintext),
      key_preview: keyPreview(plaintext),
      permissions: ["trigger_pipeline", "read_runs"],
      pipeline_ids: ["pl_web"],
      expires_at: "2026-06-08T09:00:00.000Z",
      usage_count: 0,
      created_by: "usr_actor",
    });
    const everything = await dump(kit);
    expect(everything).not.toContain(plaintext);
    expect(everything).not.toContain(plaintext.slice(5, 25));
  });

  it("verifies a key in constant time and counts its use", async () => {
    kit = await createTestKit();
    const { id, plaintext } = await create(kit, { name: "ci", permissions: ["read_runs"] });
    const ok = await verifyApiKey(kit.store, plaintext);
    expect(ok).toMatchObject({ ok: true, key: { id, workspace_id: "ws_default", name: "ci", permissions: ["read_runs"], pipeline_ids: [], usage_count: 1 } });
    expect(await verifyApiKey(kit.db, plaintext, { clock: fixedClock("2026-03-11T10:00:00Z") })).toMatchObject({ ok: true, key: { usage_count: 2 } });
    expect(await kit.store.require("APIKey", id)).toMatchObject({ usage_count: 2, last_used: "2026-03-11T10:00:00.000Z" });
    const other = await kit.storeOf("ws_other");
    expect(await verifyApiKey(other, plaintext)).toEqual({ ok: false, reason: "unknown" });
    expect(await verifyApiKey(kit.store, generateApiKey())).toEqual({ ok: false, reason: "unknown" });
    expect(await verifyApiKey(kit.store, "ffai_not-a-key")).toEqual({ ok: false, reason: "malformed" });
    expect(await verifyApiKey(kit.store, plaintext.toLowerCase())).toEqual({ ok: false, reason: "malformed" });
  });

  it("counts uses in memory and adds them to the key's row together; closing the database writes them", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "ff-key-uses-")), "keys.db");
    const plaintext = generateApiKey();
    const open = async () => {
      const db = await openTestDb({ file });
      await ensureWorkspace(db.kysely, "ws_default");
      return { db, store: new Store({ db: db.kysely, cipher: createCipher(`1:${Buffer.alloc(32, 7).toString("base64")}`), clock: fixedClock("2026-03-10T09:00:00Z"), ids: randomIds }, "ws_default") };
    };
    const first = await open();
    const { id } = await first.store.insert("APIKey", { name: "busy", key_hash: hashApiKey(plaintext) });
    for (let n = 1; n <= 5; n++) expect(await verifyApiKey(first.db, plaintext, { clock: fixedClock(`2026-03-10T10:0${n}:00Z`) })).toMatchObject({ ok: true, key: { usage_count: n } });
    // A use counted while the database closes is written too or, when it came after the last
    // write (its key read outran the close), said on stderr: never lost in silence.
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const closing = first.db.close();
    expect(await verifyApiKey(first.db, plaintext, { clock: fixedClock("2026-03-10T10:06:00Z") })).toMatchObject({ ok: true, key: { usage_count: 6 } });
    await closing;
    const again = await open();
    const row = await again.store.require("APIKey", id);
    const said = errors.mock.calls.some((c) => String(c[0]).includes(`a use of API key ${id} came after the database closed`));
    errors.mockRestore();
    expect(said ? { usage_count: 5, last_used: "2026-03-10T10:05:00.000Z" } : { usage_count: 6, last_used: "2026-03-10T10:06:00.000Z" }).toMatchObject({ usage_count: row.usage_count, last_used: row.last_used });
    await again.db.close();
  });

  it("a revoked or expired key does not verify, and its use is not counted", async () => {
    kit = await createTestKit();
    const revoked = await create(kit, { name: "old-ci", permissions: ["read_runs"] });
    const expiring = await create(kit, { name: "short", permissions: ["read_runs"], expires_in_days: 1 });
    await kit.callApproved("revoke_api_key", { key: "old-ci" });
    expect(await verifyApiKey(kit.store, revoked.plaintext)).toEqual({ ok: false, reason: "revoked" });
    expect(await verifyApiKey(kit.store, expiring.plaintext)).toMatchObject({ ok: true });
    expect(await verifyApiKey(kit.db, expiring.plaintext, { clock: fixedClock("2026-03-11T09:00:00Z") })).toEqual({ ok: false, reason: "expired" });
    expect(await verifyApiKey(kit.db, expiring.plaintext, { clock: fixedClock("2026-04-01T00:00:00Z") })).toEqual({ ok: false, reason: "expired" });
    expect((await kit.store.require("APIKey", revoked.id)).usage_count).toBe(0);
    expect((await kit.store.require("APIKey", expiring.id)).usage_count).toBe(1);
  });

  it("revoking waits for approval, checks first that the key exists and is active, and accepts names said loosely", async () => {
    kit = await createTestKit();
    const { id } = await create(kit, { name: "ci-deployer", permissions: ["trigger_pipeline"] });
    const first = await kit.call("revoke_api_key", { key: "the ci-deployer API key" });
    if (first.status !== "approval_required") throw new Error("expected an approval request");
    expect(first.approval.summary).toMatch(/^Revoke API key ci-deployer \(ffai_\.\.\.\w{4}, trigger_pipeline\); it has never been used\./);
    expect((await kit.store.require("APIKey", id)).revoked_at).toBeNull();
    await decideApproval(kit.deps, { workspaceId: "ws_default", actor: kit.actor }, first.approval.id, false);
    expect((await kit.store.require("APIKey", id)).revoked_at).toBeNull();
    const done = await kit.callApproved("revoke_api_key", { key: "ci-deployer" });
    expect(done).toMatchObject({ status: "ok", output: { name: "ci-deployer", state: "revoked", revoked_at: "2026-03-10T09:00:00.000Z" } });
    await expect(kit.call("revoke_api_key", { key: id })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("already revoked") });
    await expect(kit.call("revoke_api_key", { key: "ghost-key" })).rejects.toMatchObject({ code: "NOT_FOUND", message: expect.stringContaining("API key ghost-key not found") });
    expect(await kit.store.count("PendingApproval", { status: "pending" })).toBe(0);
  });

  it("lists keys without their hashes, hiding revoked ones unless asked", async () => {
    kit = await createTestKit();
    await create(kit, { name: "reader", permissions: ["read_runs", "read_config"], expires_in_days: 10 });
    await create(kit, { name: "gone", permissions: ["read_runs"] });
    await kit.callApproved("revoke_api_key", { key: "gone" });
    const out = await kit.call("list_api_keys", {});
    if (out.status !== "ok") throw new Error("unreachable");
    expect((out.output as { keys: { name: string; state: string }[] }).keys.map((k) => [k.name, k.state])).toEqual([["reader", "expiring"]]);
    expect(JSON.stringify(out.output)).not.toMatch(/key_hash|[0-9a-f]{64}/);
    expect(out.reply).toMatch(/^API keys \(1\):\n- reader \(ffai_\.\.\.\w{4}, key_\w+\): expiring, expires 2026-03-20; read_runs, read_config, never used$/);
    expect(await kit.call("list_api_keys", { state: "revoked" })).toMatchObject({ output: { keys: [{ name: "gone" }] } });
  });

  it("is created only by admins, with a unique active name", async () => {
    kit = await createTestKit();
    const member = await kit.userWithRole("member");
    await expect(kit.call("create_api_key", { name: "x", permissions: ["chat"] }, { actor: member })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await create(kit, { name: "bot", permissions: ["chat", "tools"] });
    await expect(kit.call("create_api_key", { name: "bot", permissions: ["chat"] })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(kit.call("create_api_key", { name: "y", permissions: ["chat"], pipelines: ["nope-pipeline"] })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringContaining("Pipeline nope-pipeline not found"),
    });
    expect(await kit.store.count("APIKey")).toBe(1);
  });
});
