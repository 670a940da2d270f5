import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { Command } from "commander";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fixedClock } from "../../entities/clock.js";
import { createCipher } from "../../entities/crypto.js";
import { openDb } from "../../entities/db.js";
import { seededIds } from "../../entities/ids.js";
import { Store } from "../../entities/store.js";
import { ensureWorkspace } from "../../entities/workspace.js";
import { TEST_SECRET_KEY } from "../../tools/testing.js";
import { secretsCommands } from "./secrets.js";

const VALUE = "postgres://app:Zq81xLk2Vb@db.internal/app";
let dir: string;
const saved = { ...process.env };

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "ff-secrets-cli-"));
  process.env.FLASHFUSION_DB = join(dir, "ff.db");
  process.env.FLASHFUSION_SECRET_KEY = TEST_SECRET_KEY;
  delete process.env.DATABASE_URL;
  const db = await openDb({ file: process.env.FLASHFUSION_DB });
  await ensureWorkspace(db.kysely, "ws_default");
  await store(db).insert("Environment", { id: "env_prod", name: "production", type: "production" });
  await db.close();
});
afterEach(() => {
  process.env = { ...saved };
  rmSync(dir, { recursive: true, force: true });
});

function store(db: Awaited<ReturnType<typeof openDb>>) {
  return new Store({ db: db.kysely, cipher: createCipher(TEST_SECRET_KEY), clock: fixedClock("2026-03-10T09:00:00Z"), ids: seededIds(3) }, "ws_default");
}

async function run(args: string[], stdin: string): Promise<string[]> {
  const lines: string[] = [];
  const prompts: string[] = [];
  const cli = new Command("flashfusion").exitOverride();
  secretsCommands({ stdin: Readable.from([stdin]), prompt: (t) => prompts.push(t) })(cli, (l) => lines.push(l));
  await cli.parseAsync(args, { from: "user" });
  expect(prompts).toEqual([]);
  return lines;
}

async function stored() {
  const db = await openDb({ file: process.env.FLASHFUSION_DB! });
  try {
    const s = store(db);
    const [secret] = await s.find("Secret");
    const dump = JSON.stringify([await db.kysely.selectFrom("secrets").selectAll().execute(), await s.find("AuditLog")]);
    return { secret, value: secret ? await s.reveal("Secret", secret.id, "value") : null, dump };
  } finally {
    await db.close();
  }
}

describe("flashfusion secrets set", () => {
  it("reads the value from standard input, stores it encrypted and never prints it", async () => {
    const lines = await run(["secrets", "set", "database_url", "--env", "production"], `${VALUE}\n`);
    expect(lines).toEqual(["Created secret DATABASE_URL (version 1; production)."]);
    const first = await stored();
    expect(first.secret).toMatchObject({ name: "DATABASE_URL", environment_ids: ["env_prod"], version: 1 });
    expect(first.value).toBe(VALUE);
    expect(first.dump).not.toContain(VALUE);
    expect(first.dump).toContain('"action":"secrets.set"');

    const again = await run(["secrets", "set", "DATABASE_URL"], "rotated-value");
    expect(again).toEqual(["Stored a new value for DATABASE_URL (version 2; production)."]);
    expect((await stored()).value).toBe("rotated-value");
  });

  it("wants environments for a new secret and a value on standard input", async () => {
    await expect(run(["secrets", "set", "NEW_TOKEN"], "x")).rejects.toThrow(/--env staging,production or --env all/);
    await expect(run(["secrets", "set", "NEW_TOKEN", "--env", "all"], "")).rejects.toThrow(/no value on standard input/);
    await expect(run(["secrets", "set", "NEW_TOKEN", "--env", "qa"], "x")).rejects.toThrow(/No environment "qa"/);
    expect((await stored()).secret).toBeUndefined();
  });
});
