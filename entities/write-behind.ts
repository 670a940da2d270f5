import type { Kysely } from "kysely";
import { runShape } from "./compiled.js";
import type { DB } from "./db.js";
import type { EntityName } from "./index.js";
import type { Executor } from "./store.js";

/**
 * Writes that trail the call causing them by a moment, so that a read over HTTP or MCP does not
 * wait for a commit of its own: the audit rows of reads (one statement for all the rows queued
 * meanwhile) and API keys' use counts. Nothing a call reads back depends on them; a read of their
 * entities through the store first writes what waits (`Store.find` and friends, and the tool door
 * before a tool that reads them), and closing the database writes everything left. Only a crash
 * loses what waits: at most 10 ms of audit rows, a second of use counts.
 */
export interface Trailing {
  /** The entities it writes: a read of one of them through the store waits for it first. */
  readonly entities: readonly EntityName[];
  /** Whether something waits to be written. */
  readonly pending: boolean;
  /** Writes what waits now; resolves when that is done. */
  flush(): Promise<void>;
  /** Writes what waits one last time; afterwards nothing is retried. */
  close(): Promise<void>;
}

/** The trailing work of one database, in this process. */
export class WriteBehind {
  private readonly parts = new Map<string, Trailing>();

  constructor(readonly db: Kysely<DB>) {}

  /** The trailing work named `name`, made on first use. */
  part<T extends Trailing>(name: string, make: (db: Kysely<DB>) => T): T {
    let part = this.parts.get(name);
    if (!part) this.parts.set(name, (part = make(this.db)));
    return part as T;
  }

  /** Whether something trailing waits to write this entity. */
  pendingFor(entity: EntityName): boolean {
    for (const part of this.parts.values()) if (part.entities.includes(entity) && part.pending) return true;
    return false;
  }

  /** Writes what waits: for these entities only, when some are named. */
  async settle(entities?: readonly EntityName[]): Promise<void> {
    const parts = [...this.parts.values()].filter((p) => p.pending && (!entities || p.entities.some((e) => entities.includes(e))));
    await Promise.all(parts.map((p) => p.flush()));
  }

  async close(): Promise<void> {
    await Promise.all([...this.parts.values()].map((p) => p.close()));
  }
}

const byDatabase = new WeakMap<object, WriteBehind>();

/** Gives a database opened by `openDb` its trailing writes (found from any of its executors). */
export function attachWriteBehind(db: Kysely<DB>): WriteBehind {
  const writeBehind = new WriteBehind(db);
  byDatabase.set(db.getExecutor().adapter, writeBehind);
  return writeBehind;
}

/** The trailing writes of the executor's database; undefined for one not opened by `openDb`. */
export function writeBehindOf(db: Executor): WriteBehind | undefined {
  return byDatabase.get(db.getExecutor().adapter);
}

/** Whether an error says the row itself can never be written (a constraint, a bad value), not that the database is away. */
function rowIsRefused(e: unknown): boolean {
  const code = String((e as { code?: unknown }).code ?? "");
  return code.startsWith("SQLITE_CONSTRAINT") || code === "SQLITE_MISMATCH" || /^2[23]/.test(code);
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Most rows in one INSERT (one shape per row count up to it, each compiled once). */
const MAX_CHUNK = 64;
/** How long a row may wait for others to share its commit; a full chunk is written at once. */
export const APPEND_DELAY_MS = 10;
const RETRY_MS = 1_000;
/** Rows held while the database is away, beyond which `add` makes callers wait for the write. */
const MAX_QUEUED = 10_000;

/**
 * Rows of one table inserted together soon after they are queued: within APPEND_DELAY_MS (at
 * once when 64 wait), in one multi-row INSERT (up to 64 rows), so that many calls share one
 * commit. A row the database refuses is reported and dropped; while the database
 * is away, rows wait and are tried again.
 */
export class AppendQueue implements Trailing {
  private rows: Record<string, unknown>[] = [];
  private writing: Promise<void> | undefined;
  private scheduled: NodeJS.Timeout | undefined;
  private closed = false;
  /** Closed and written: a row added now cannot be. */
  private finished = false;
  private next = deferred();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly table: string,
    readonly entities: readonly EntityName[],
    private readonly log: (line: string) => void = (line) => console.error(line),
  ) {}

  get pending(): boolean {
    return this.rows.length > 0 || this.writing !== undefined;
  }

  /** Queues an encoded row; resolves when the write that includes it has been tried. */
  add(row: Record<string, unknown>): { written: Promise<void>; backlogged: boolean } {
    if (this.finished) {
      // The database is gone: nothing can write it, and nobody should wait for it.
      this.log(`[flashfusion] a ${this.table} row came after the database closed and was not written (${row.id})`);
      return { written: Promise.resolve(), backlogged: false };
    }
    this.rows.push(row);
    const written = this.next.promise;
    if (this.closed) return { written, backlogged: false };
    if (this.rows.length >= MAX_CHUNK && !this.writing) void this.flush();
    // Not unref'd: a process that ends without closing its database still writes them.
    else this.scheduled ??= setTimeout(() => void this.flush(), APPEND_DELAY_MS);
    return { written, backlogged: this.rows.length > MAX_QUEUED };
  }

  async flush(): Promise<void> {
    clearTimeout(this.scheduled);
    this.scheduled = undefined;
    while (this.writing) await this.writing;
    if (!this.rows.length) return;
    const rows = this.rows;
    const done = this.next;
    this.rows = [];
    this.next = deferred();
    this.writing = this.write(rows).finally(() => {
      this.writing = undefined;
      done.resolve();
    });
    await this.writing;
  }

  async close(): Promise<void> {
    this.closed = true;
    // Rows added while the last write ran are written too, before the database goes.
    while (this.rows.length || this.writing) await this.flush();
    this.finished = true;
  }

  private async write(rows: Record<string, unknown>[]): Promise<void> {
    const failed: Record<string, unknown>[] = [];
    let at = 0;
    while (at < rows.length) {
      const size = Math.min(MAX_CHUNK, rows.length - at);
      const chunk = rows.slice(at, (at += size));
      try {
        await this.insert(chunk);
      } catch (e) {
        if (size > 1) {
          // One refused row must not take the others with it: each alone.
          for (const row of chunk) await this.insert([row]).catch((err: unknown) => this.refused(row, err, failed));
        } else this.refused(chunk[0]!, e, failed);
      }
    }
    if (failed.length && !this.closed) {
      this.rows.unshift(...failed);
      this.scheduled ??= setTimeout(() => void this.flush(), RETRY_MS).unref();
    } else if (failed.length) {
      this.log(`[flashfusion] ${failed.length} ${this.table} row(s) could not be written before the database closed`);
    }
  }

  private refused(row: Record<string, unknown>, e: unknown, failed: Record<string, unknown>[]): void {
    if (rowIsRefused(e)) {
      this.log(`[flashfusion] a ${this.table} row was refused and dropped (${row.id}): ${e instanceof Error ? e.message : String(e)}`);
    } else {
      failed.push(row);
      if (failed.length === 1) this.log(`[flashfusion] ${this.table} rows wait to be written: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private async insert(rows: Record<string, unknown>[]): Promise<void> {
    const columns = Object.keys(rows[0]!);
    const values = rows.flatMap((r) => columns.map((c) => r[c]));
    await runShape(this.db, `append:${this.table}:${columns.join(",")}:${rows.length}`, values, (slot) =>
      this.db.insertInto(this.table).values(rows.map((_, i) => Object.fromEntries(columns.map((c, j) => [c, slot(i * columns.length + j)])))),
    );
  }
}
