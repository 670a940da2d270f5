import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { fixedClock } from "../entities/clock.js";
import { createCipher } from "../entities/crypto.js";
import { openDb, type Db } from "../entities/db.js";
import { randomIds } from "../entities/ids.js";
import { Store } from "../entities/store.js";
import { ensureWorkspace } from "../entities/workspace.js";
import { openCheckpointer, type Checkpointer } from "./checkpointer.js";

const KEY = `1:${Buffer.alloc(32, 7).toString("base64")}`;
let open: { db: Db; checkpointer: Checkpointer }[] = [];
afterEach(async () => {
  for (const { db, checkpointer } of open) {
    await checkpointer.close();
    await db.close();
  }
  open = [];
});

describe("SQLite checkpoints beside the store", () => {
  it("a first read of a new file's checkpoints does not wait on the store's open transaction", async () => {
    const db = await openDb({ file: join(mkdtempSync(join(tmpdir(), "ff-checkpoints-")), "c.db") });
    const checkpointer = await openCheckpointer(db);
    open.push({ db, checkpointer });
    await ensureWorkspace(db.kysely, "ws_a");
    const store = new Store({ db: db.kysely, cipher: createCipher(KEY), clock: fixedClock("2026-03-10T09:00:00Z"), ids: randomIds }, "ws_a");
    let inside!: () => void;
    const begun = new Promise<void>((r) => (inside = r));
    // A transaction that holds SQLite's write lock across an await (a saga step, a pipeline run).
    const transaction = db.kysely.transaction().execute(async (trx) => {
      await store.with(trx).insert("Project", { name: "Held", owner_id: "u" });
      inside();
      await new Promise((r) => setTimeout(r, 50));
    });
    await begun;
    const started = performance.now();
    // Nothing of this thread yet: the saver's first use of the file (it makes its tables then).
    expect(await checkpointer.saver.getTuple({ configurable: { thread_id: "t_1" } })).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(1_000);
    await transaction;
  });
});
