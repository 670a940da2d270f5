import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { currentTables } from "./columns.js";
import { createCipher, DecryptionError } from "./crypto.js";
import { fixedClock } from "./clock.js";
import type { Db } from "./db.js";
import { nativeType } from "./migrations/create-tables.js";
import { dumpEveryRow, openTestDb } from "./scratch.js";
import { isUniqueViolation } from "./sql.js";
import { seededIds } from "./ids.js";
import { ENTITY_NAMES, entityDef, type EntityName } from "./index.js";
import { Store } from "./store.js";
import { ensureWorkspace } from "./workspace.js";

const KEY = `1:${Buffer.alloc(32, 3).toString("base64")}`;
let open: Db[] = [];
afterEach(async () => {
  await Promise.all(open.map((d) => d.close()));
  open = [];
});

async function setup(file?: string) {
  const db = await openTestDb({ file });
  open.push(db);
  const deps = { db: db.kysely, cipher: createCipher(KEY), clock: fixedClock("2026-03-10T09:00:00Z"), ids: seededIds(1) };
  await ensureWorkspace(db.kysely, "ws_a");
  await ensureWorkspace(db.kysely, "ws_b");
  return { db, deps, a: new Store(deps, "ws_a"), b: new Store(deps, "ws_b") };
}

describe("entity store", () => {
  it("migrates an empty database to tables that match the entity catalog", async () => {
    const { db } = await setup();
    for (const spec of currentTables()) {
      const cols =
        db.dialect === "postgres"
          ? await sql<{ name: string; type: string }>`select column_name as name, udt_name as type from information_schema.columns where table_schema = current_schema() and table_name = ${spec.table}`.execute(db.kysely)
          : await sql<{ name: string; type: string }>`select name, lower(type) as type from pragma_table_info(${spec.table})`.execute(db.kysely);
      expect(cols.rows.map((c) => c.name).sort(), spec.table).toEqual(spec.columns.map((c) => c[0]).sort());
      const typeOf = new Map(cols.rows.map((c) => [c.name, c.type]));
      // PostgreSQL reports its own names for the types (timestamptz, jsonb, int8…): compare those few.
      for (const [name, type] of spec.columns) {
        const native = nativeType(db.dialect, type);
        const expected = db.dialect === "postgres" ? ({ integer: "int4", bigint: "int8", "double precision": "float8", boolean: "bool" } as Record<string, string>)[native] ?? native : native;
        expect(typeOf.get(name), `${spec.table}.${name}`).toBe(expected);
      }
    }
  });

  it("round-trips money, JSON, booleans and times exactly", async () => {
    const { a } = await setup();
    const order = await a.insert("Order", {
      user_id: "usr_1",
      items: [{ sku: "Product-A", quantity: 3, unit_price: 12.99 }],
      subtotal_amount: 38.97,
      discount_amount: 5.85,
      total_amount: 33.12,
      created_at: "2026-03-13T09:00:00Z",
    });
    const back = await a.require("Order", order.id);
    expect(back).toMatchObject({ subtotal_amount: 38.97, discount_amount: 5.85, total_amount: 33.12, status: "pending", currency: "USD" });
    expect(back.items).toEqual([{ sku: "Product-A", quantity: 3, unit_price: 12.99 }]);
    expect(back.created_at).toBe("2026-03-13T09:00:00.000Z");
    const env = await a.insert("Environment", { name: "prod", type: "production", protection_enabled: true, variables: { A: "1" } });
    expect(await a.get("Environment", env.id)).toMatchObject({ protection_enabled: true, variables: { A: "1" } });
  });

  it("inserts a row of every entity from only its required fields", async () => {
    const { a } = await setup();
    for (const name of ENTITY_NAMES) {
      if (name === "Workspace") continue;
      const row = await a.insert(name, minimalRow(name));
      expect(await a.get(name, row.id), name).toEqual(row);
    }
  });

  it("never shows one workspace's rows to another", async () => {
    const { a, b } = await setup();
    const p = await a.insert("Project", { name: "Apollo", owner_id: "u" });
    expect(await b.get("Project", p.id)).toBeUndefined();
    expect(await b.find("Project")).toEqual([]);
    expect(await b.update("Project", p.id, { name: "Stolen" })).toBeUndefined();
    expect(await b.delete("Project", p.id)).toBe(false);
    expect((await a.require("Project", p.id)).name).toBe("Apollo");
  });

  it("keeps uniqueness per workspace", async () => {
    const { a, b } = await setup();
    await a.insert("User", { email: "ada@example.com" });
    await b.insert("User", { email: "ada@example.com" });
    await expect(a.insert("User", { email: "ada@example.com" })).rejects.toSatisfy(isUniqueViolation);
  });

  it("adjusts an integer field in one statement: no update lost among concurrent writers, never below the floor", async () => {
    const { a } = await setup();
    const p = await a.insert("Product", { sku: "Product-A", price: 1, stock: 0 });
    await Promise.all(Array.from({ length: 10 }, () => a.adjust("Product", p.id, "stock", 1)));
    expect((await a.require("Product", p.id)).stock).toBe(10);
    const takes = await Promise.all(Array.from({ length: 4 }, () => a.adjust("Product", p.id, "stock", -3, { atLeast: 0 })));
    expect(takes.filter(Boolean)).toHaveLength(3);
    expect((await a.require("Product", p.id)).stock).toBe(1);
    const unlimited = await a.insert("Product", { sku: "Product-U", price: 1 });
    expect(await a.adjust("Product", unlimited.id, "stock", -1, { atLeast: 0 })).toBeUndefined();
    await expect(a.adjust("Product", p.id, "price" as never, 1)).rejects.toThrow(/only an integer field/);
  });

  it("upserts on a unique field set: writers racing on one key leave one row, the last one's values", async () => {
    const { a } = await setup();
    const writes = [1, 2, 3, 4].map((n) => a.upsert("AnalyticsSnapshot", ["period"], { period: "2026-03-09", metrics: { n } }));
    const rows = await Promise.all(writes);
    const stored = await a.find("AnalyticsSnapshot");
    expect(stored).toHaveLength(1);
    expect(rows.map((r) => r.id)).toEqual(rows.map(() => stored[0]!.id));
    await a.upsert("AnalyticsSnapshot", ["period"], { period: "2026-03-09", metrics: { n: 9 } });
    expect((await a.require("AnalyticsSnapshot", stored[0]!.id)).metrics).toEqual({ n: 9 });
    await expect(a.upsert("Project", ["name"] as never, { name: "x", owner_id: "u" })).rejects.toThrow(/not one of the entity's unique/);
  });

  it("encrypts secret values: unreadable in the file, bound to their workspace and row", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ff-store-"));
    const file = join(dir, "t.db");
    const { db, a, b, deps } = await setup(file);
    const secret = await a.insert("Secret", { name: "STRIPE_KEY", value: "sk_live_TOPSECRETVALUE123" });
    expect(secret).not.toHaveProperty("value");
    expect(await a.reveal("Secret", secret.id, "value")).toBe("sk_live_TOPSECRETVALUE123");
    await expect(b.reveal("Secret", secret.id, "value")).rejects.toThrow(/not found/);
    const sealed = (await db.kysely.selectFrom("secrets").select("value_enc").executeTakeFirstOrThrow()).value_enc as string;
    expect(() => deps.cipher.decrypt(sealed, { workspace_id: "ws_b", entity: "Secret", id: secret.id, field: "value" })).toThrow(DecryptionError);
    const dump = db.dialect === "postgres" ? await dumpEveryRow(db) : undefined;
    await db.close();
    open = [];
    const bytes = dump ?? Buffer.concat([readFileSync(file), readFileSync(`${file}-wal`, { flag: "a+" })]).toString("latin1");
    expect(bytes).not.toContain("TOPSECRETVALUE");
  });

  it("rejects unknown fields and bad values with the field named", async () => {
    const { a } = await setup();
    await expect(a.insert("Product", { sku: "X", price: 1, colour: "red" })).rejects.toThrow(/Product\.colour/);
    await expect(a.insert("Product", { sku: "X", price: 1.234 })).rejects.toThrow(/Product\.price/);
    await expect(a.insert("Order", { user_id: "u", status: "shipped" as never })).rejects.toThrow(/Order\.status/);
  });

  it("checks a time written like toISOString's output but naming no real time, and writes real times as given", async () => {
    const { a } = await setup();
    await expect(a.insert("PipelineRun", { pipeline_id: "pl_1", number: 1, started_at: "2026-13-01T00:00:00.000Z" })).rejects.toThrow(/PipelineRun\.started_at/);
    const run = await a.insert("PipelineRun", { pipeline_id: "pl_1", number: 2, started_at: "2026-03-10T09:00:00.000Z" });
    await expect(a.update("PipelineRun", run.id, { finished_at: "2026-03-10T25:00:00.000Z" })).rejects.toThrow(/PipelineRun\.finished_at/);
    expect((await a.require("PipelineRun", run.id)).started_at).toBe("2026-03-10T09:00:00.000Z");
  });

  it("reads only the fields asked for, and counts without reading rows", async () => {
    const { a, b } = await setup();
    const run = await a.insert("PipelineRun", { pipeline_id: "pl_1", number: 7, logs: "a long log", steps: [{ name: "test", status: "success" }] });
    await a.insert("PipelineRun", { pipeline_id: "pl_1", number: 8, environment_id: "env_1" });
    const summary = await a.get("PipelineRun", run.id, { fields: ["number", "steps"] });
    expect(summary).toEqual({ id: run.id, workspace_id: "ws_a", created_at: run.created_at, updated_at: run.updated_at, number: 7, steps: [{ name: "test", status: "success" }] });
    expect((await a.find("PipelineRun", {}, { fields: ["number"], orderBy: "number", direction: "desc" })).map((r) => r.number)).toEqual([8, 7]);
    expect(await a.findByIds("PipelineRun", [run.id, run.id, "run_missing"], { fields: ["status"] })).toEqual([expect.objectContaining({ id: run.id, status: "queued" })]);
    await expect(a.find("PipelineRun", {}, { fields: ["colour" as never] })).rejects.toThrow(/PipelineRun\.colour/);

    expect(await a.count("PipelineRun")).toBe(2);
    expect(await a.count("PipelineRun", { environment_id: null })).toBe(1);
    expect(await a.count("PipelineRun", { environment_id: "env_1" })).toBe(1);
    expect(await b.count("PipelineRun")).toBe(0);
  });

  it("binds each call's own values to a query shape it has run before", async () => {
    const { a } = await setup();
    const ids = await Promise.all(["x", "y", "z"].map(async (name) => (await a.insert("Project", { name, owner_id: `u_${name}` })).id));
    for (const [i, id] of ids.entries()) expect((await a.get("Project", id))?.name).toBe(["x", "y", "z"][i]);
    expect((await a.findByIds("Project", [ids[2]!, ids[0]!])).map((p) => p.name).sort()).toEqual(["x", "z"]);
    expect(await a.update("Project", ids[0]!, { name: "x2" }, { name: "y" })).toBeUndefined();
    expect((await a.update("Project", ids[0]!, { name: "x2" }, { name: "x" }))?.name).toBe("x2");
    expect((await a.find("Project", { owner_id: "u_y" })).map((p) => p.id)).toEqual([ids[1]]);
    expect(await a.delete("Project", ids[1]!)).toBe(true);
    expect(await a.delete("Project", ids[1]!)).toBe(false);
    expect(await a.count("Project")).toBe(2);
  });

  it("keeps a transaction's writes inside it: rolled back with it, never seen from outside before it commits", async () => {
    const { db, a } = await setup();
    let seenOutside: Promise<unknown> | undefined;
    await expect(
      db.kysely.transaction().execute(async (trx) => {
        const inside = a.with(trx);
        const p = await inside.insert("Project", { name: "Ghost", owner_id: "u" });
        expect((await inside.get("Project", p.id))?.name).toBe("Ghost");
        expect(await inside.count("Project")).toBe(1);
        // Outside the transaction: waits for it (SQLite) or reads the last commit (PostgreSQL).
        seenOutside = a.find("Project");
        await new Promise((r) => setTimeout(r, 10));
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await seenOutside).toEqual([]);
    expect(await a.count("Project")).toBe(0);
    const kept = await db.kysely.transaction().execute((trx) => a.with(trx).insert("Project", { name: "Kept", owner_id: "u" }));
    expect((await a.require("Project", kept.id)).name).toBe("Kept");
  });

  it("refuses a statement of a transaction that has ended, even while another transaction is open", async () => {
    const { db, a } = await setup();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let late!: Promise<unknown>;
    await expect(
      db.kysely.transaction().execute(async (trx) => {
        const inside = a.with(trx);
        await inside.insert("Project", { name: "Rolled back", owner_id: "u" });
        // Work of this transaction that goes on after it failed (a sibling promise not awaited).
        late = gate.then(() => inside.insert("Project", { name: "Late", owner_id: "u" }));
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    await db.kysely.transaction().execute(async (trx) => {
      await a.with(trx).insert("Project", { name: "Other", owner_id: "u" });
      release();
      // Not written into this transaction, which knows nothing of it.
      await expect(late).rejects.toThrow(/already rolled back/);
    });
    expect((await a.find("Project")).map((p) => p.name)).toEqual(["Other"]);
  });
});

/** A value for every required field that has no default, by its kind: the least a caller must give. */
function minimalRow(name: EntityName): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [field, fld] of Object.entries(entityDef(name).fields)) {
    if (fld.fallback !== undefined || fld.nullable || field === "timestamp" || field === "started_at") continue;
    const options = (fld.schema as unknown as { options?: string[] }).options;
    row[field] = options?.[0] ?? { text: "x", int: 1, real: 1, money: 1, bool: true, json: {}, time: "2026-01-01T00:00:00Z", encrypted: "v" }[fld.kind];
  }
  return row;
}
