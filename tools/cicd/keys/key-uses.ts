import { sql, type Kysely } from "kysely";
import { APIKey } from "../../../entities/catalog/security.js";
import { runShape } from "../../../entities/compiled.js";
import type { DB } from "../../../entities/db.js";
import type { Executor } from "../../../entities/store.js";
import { writeBehindOf, type Trailing } from "../../../entities/write-behind.js";

/** How long a key's uses are counted in memory before they are added to its row. */
export const KEY_USES_FLUSH_MS = 1_000;

/** usage_count + n, last_used the later of the stored one and ours (another server may have a later one). */
function addUses(db: Executor, id: string, n: number, last: string) {
  return runShape(db, "api-key-uses", [n, last, id], (slot) =>
    db
      .updateTable(APIKey.table)
      .set({
        usage_count: sql`usage_count + ${slot(0)}`,
        last_used: sql`case when last_used is null or last_used < ${slot(1)} then ${slot(1)} else last_used end`,
      })
      .where("id", "=", slot(2)),
  );
}

/**
 * Uses of API keys, counted in memory and added to their rows at most a second later, one
 * UPDATE per key for all its uses meanwhile: counting was a write, and a commit, on every
 * authenticated request. Reads of APIKey through the store write what is counted first, and so
 * does closing the database; a crash loses at most a second of counts (never an audit row).
 */
class KeyUses implements Trailing {
  readonly entities = ["APIKey"] as const;
  private counts = new Map<string, { n: number; last: string }>();
  private writing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  /** Closed and written: a use counted now cannot be added. */
  private finished = false;

  constructor(private readonly db: Kysely<DB>) {}

  get pending(): boolean {
    return this.counts.size > 0 || this.writing !== undefined;
  }

  /** Counts a use at `at`; answers the uses of the key not written yet, this one included. */
  count(id: string, at: string): number {
    if (this.finished) {
      // The database is gone: nothing can add it, so it is said rather than lost in silence.
      console.error(`[flashfusion] a use of API key ${id} came after the database closed and was not counted`);
      return 1;
    }
    const seen = this.counts.get(id);
    const counted = seen ? { n: seen.n + 1, last: at > seen.last ? at : seen.last } : { n: 1, last: at };
    this.counts.set(id, counted);
    if (!this.timer && !this.closed) this.timer = setTimeout(() => void this.flush(), KEY_USES_FLUSH_MS).unref();
    return counted.n;
  }

  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.writing) await this.writing;
    if (!this.counts.size) return;
    const counts = this.counts;
    this.counts = new Map();
    this.writing = this.write(counts).finally(() => (this.writing = undefined));
    await this.writing;
  }

  async close(): Promise<void> {
    this.closed = true;
    // Uses counted while the last write ran are written too, before the database goes.
    while (this.counts.size || this.writing) await this.flush();
    this.finished = true;
  }

  private async write(counts: Map<string, { n: number; last: string }>): Promise<void> {
    for (const [id, { n, last }] of counts) {
      try {
        await addUses(this.db, id, n, last);
      } catch (e) {
        if (this.closed) {
          console.error(`[flashfusion] ${n} use(s) of API key ${id} could not be counted before the database closed: ${e instanceof Error ? e.message : String(e)}`);
          continue;
        }
        // The database is away: the uses are counted again with the next ones.
        for (let i = 0; i < n; i++) this.count(id, last);
      }
    }
  }
}

/**
 * Counts a use of a key. On a database opened by `openDb` the use trails (see KeyUses). Answers
 * the uses not in the row as read just before, this one included.
 */
export async function countKeyUse(db: Executor, id: string, at: string): Promise<number> {
  const trailing = writeBehindOf(db);
  if (!trailing) {
    await addUses(db, id, 1, at);
    return 1;
  }
  return trailing.part("api-key-uses", (root) => new KeyUses(root)).count(id, at);
}
