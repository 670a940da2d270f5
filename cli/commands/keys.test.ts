import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { systemClock } from "../../entities/clock.js";
import { createCipher } from "../../entities/crypto.js";
import { openDb } from "../../entities/db.js";
import { randomIds } from "../../entities/ids.js";
import { Store } from "../../entities/store.js";
import { ensureWorkspace } from "../../entities/workspace.js";
import { verifyApiKey } from "../../tools/cicd/index.js";
import { TEST_SECRET_KEY } from "../../tools/testing.js";
import { registerKeys } from "./keys.js";

let dir: string;
const saved = { ...process.env };

function store(db: Awaited<ReturnType<typeof openDb>>) {
  return new Store({ db: db.kysely, cipher: createCipher(TEST_SECRET_KEY), clock: systemClock, ids: randomIds }, "ws_default");
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "ff-keys-cli-"));
  process.env.FLASHFUSION_DB = join(dir, "ff.db");
  process.env.FLASHFUSION_SECRET_KEY = TEST_SECRET_KEY;
  delete process.env.DATABASE_URL;
  delete process.env.FLASHFUSION_USER;
  const db = await openDb({ file: process.env.FLASHFUSION_DB });
  await ensureWorkspace(db.kysely, "ws_default");
  await store(db).insert("User", { id: "usr_admin", email: "admin@example.com", full_name: "Admin", role: "admin" });
  await store(db).insert("PipelineConfig", { id: "pl_web", name: "webapp-pipeline", provider: "local" });
  await db.close();
});
afterEach(() => {
  process.env = { ...saved };
  rmSync(dir, { recursive: true, force: true });
});

async function run(args: string[]): Promise<string[]> {
  const lines: string[] = [];
  const cli = new Command("flashfusion").exitOverride();
  registerKeys(cli, (l) => lines.push(l));
  await cli.parseAsync(args, { from: "user" });
  return lines;
}

async function withStore<T>(fn: (s: Store) => Promise<T>): Promise<T> {
  const db = await openDb({ file: process.env.FLASHFUSION_DB! });
  try {
    return await fn(store(db));
  } finally {
    await db.close();
  }
}

describe("flashfusion keys", () => {
  it("creates a key, prints it once, lists it without it, and revokes it only with --yes", async () => {
    const created = await run(["keys", "create", "--name", "deploy-bot", "--permissions", "trigger_pipeline,read_runs", "--pipelines", "webapp-pipeline", "--expires-in-days", "90"]);
    expect(created[0]).toMatch(/^Created API key deploy-bot \(key_\w+\): trigger_pipeline, read_runs; expires \d{4}-\d{2}-\d{2}\.$/);
    const plaintext = created[2]!;
    expect(plaintext).toMatch(/^ffai_[0-9A-Za-z]{36}$/);
    expect(await withStore((s) => verifyApiKey(s, plaintext))).toMatchObject({ ok: true, key: { name: "deploy-bot", pipeline_ids: ["pl_web"] } });

    const listed = await run(["keys", "list"]);
    expect(listed[0]).toBe("API keys (1):");
    expect(listed.join("\n")).not.toContain(plaintext);

    await expect(run(["keys", "revoke", "deploy-bot"])).rejects.toThrow(/Revoke API key deploy-bot .*Run again with --yes/);
    expect(await withStore((s) => verifyApiKey(s, plaintext))).toMatchObject({ ok: true });
    expect(await run(["keys", "revoke", "deploy-bot", "--yes"])).toEqual([expect.stringMatching(/^Revoked API key deploy-bot/)]);
    expect(await withStore((s) => verifyApiKey(s, plaintext))).toEqual({ ok: false, reason: "revoked" });
    expect(await run(["keys", "list", "--all"])).toEqual(["No API keys.", "Revoked API keys (1):", expect.stringMatching(/^- deploy-bot .*: revoked/)]);
    const audit = await withStore((s) => s.find("AuditLog", { action: "create_api_key" }));
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(plaintext);
  });

  it("says what was wrong in one line", async () => {
    await expect(run(["keys", "create", "--name", "x", "--permissions", "everything"])).rejects.toThrow(/permissions/);
    await expect(run(["keys", "revoke", "ghost"])).rejects.toThrow(/API key ghost not found/);
    process.env.FLASHFUSION_USER = "nobody@example.com";
    await expect(run(["keys", "list"])).rejects.toThrow(/FLASHFUSION_USER nobody@example.com is not a user/);
  });
});
