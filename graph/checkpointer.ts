import type { BaseCheckpointSaver } from "@langchain/langgraph";
import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import { pgPool, type Db } from "../entities/db.js";

export interface Checkpointer {
  saver: BaseCheckpointSaver;
  close(): Promise<void>;
}

/** Key of the advisory lock that lets one process at a time create the checkpoint tables. */
const SETUP_LOCK = 715_002;

/**
 * LangGraph's checkpoints beside the store: the same SQLite file (its own connection), or the
 * same PostgreSQL database and schema, so a thread begun on one server continues on another.
 */
export async function openCheckpointer(db: Db): Promise<Checkpointer> {
  const target = db.target;
  if ("file" in target) {
    const saver = SqliteSaver.fromConnString(target.file);
    const close = async () => (saver as unknown as { db?: { close(): void } }).db?.close();
    // The saver makes its tables on its first use, a read as often as not: a write that no gate
    // covers. Made now, behind any open store transaction of this process.
    await db.kysely
      .connection()
      .execute(async () => (saver as unknown as { setup(): void }).setup())
      .catch(async (e: unknown) => {
        await close();
        throw e;
      });
    gateWrites(saver, (write) => db.kysely.connection().execute(write));
    return { saver, close };
  }
  // Its own small pool: the saver wants pg's usual row parsing (jsonb as objects), not the store's.
  const pool = pgPool({ url: target.url, schema: target.schema, max: 4, storeShaped: false });
  const saver = new PostgresSaver(pool, undefined, { schema: target.schema ?? "public" });
  const lock = await pool.connect();
  try {
    // setup() is not safe to run from two processes at once (CREATE TABLE IF NOT EXISTS races).
    await lock.query("select pg_advisory_lock($1)", [SETUP_LOCK]);
    await saver.setup();
  } catch (e) {
    lock.release();
    await pool.end();
    throw e;
  }
  await lock.query("select pg_advisory_unlock($1)", [SETUP_LOCK]);
  lock.release();
  return { saver, close: () => pool.end() };
}

/**
 * The SQLite saver writes on its own connection with synchronous calls. If it wrote while the
 * store's connection held a write transaction open across an await (a pipeline run, a saga
 * step), its busy wait would block the event loop that transaction needs to commit: a deadlock
 * that ends in "database is locked". So each checkpoint write first takes the store's connection,
 * which waits (asynchronously) for any open transaction of this process to finish. Other
 * processes are told apart by SQLite's own locks and busy timeouts, as before.
 */
function gateWrites(saver: SqliteSaver, gate: <T>(write: () => Promise<T>) => Promise<T>): void {
  const writes = ["put", "putWrites", "deleteThread"] as const;
  for (const name of writes) {
    const original = (saver[name] as (...args: unknown[]) => Promise<unknown>).bind(saver);
    (saver as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => gate(() => original(...args));
  }
}
