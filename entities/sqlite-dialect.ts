import type BetterSqlite3 from "better-sqlite3";
import { SqliteAdapter, SqliteDialect, type CompiledQuery, type DatabaseConnection, type Driver, type QueryResult, type TransactionSettings } from "kysely";
import type { Executor } from "./store.js";

/**
 * Kysely's SQLite driver prepares every query anew; preparing is a large share of a short
 * query's cost. Statements are reused by their SQL text (the driver runs one query at a time).
 *
 * Its transactions begin deferred: one that reads and then writes while another process holds
 * the write lock fails at once with SQLITE_BUSY (waiting could deadlock), busy timeout or not.
 * Beginning them immediate takes the write lock first, so processes sharing a file queue instead.
 */
function statementCache(sqlite: BetterSqlite3.Database, size = 512) {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string): BetterSqlite3.Statement {
      const sql = text === "begin" ? "begin immediate" : text;
      let statement = cache.get(sql);
      if (statement) {
        cache.delete(sql);
      } else {
        statement = sqlite.prepare(sql);
        if (cache.size >= size) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, statement);
      return statement;
    },
  };
}

/**
 * The store's own statements run straight on the connection when nobody holds it, skipping
 * Kysely's executor (its connection queue costs three times what a cached point lookup does).
 *
 * Safe because better-sqlite3 is synchronous: a statement run while the connection is free
 * completes before any other code runs. Kysely hands the one connection to one holder at a time
 * (a transaction, or a checkpoint write waiting behind it); while it is held, a statement from
 * outside that holder queues through Kysely as before, and one from inside it (the holder's own
 * transaction) runs on it directly.
 *
 * "Its own": a transaction's first statement of each holding goes through Kysely, which refuses
 * one of a transaction that has ended; only once Kysely ran it is the transaction known to be
 * the holder. Otherwise a statement of a transaction that had rolled back (work it started and
 * did not await) would run inside whichever transaction holds the connection next.
 */
export class DirectSqlite {
  /** Whether a Kysely caller holds the connection now (a transaction, or one query in flight). */
  held = false;
  /** Counts the holdings: which one holds the connection now. */
  holder = 0;
  /** The transactions known to be the holder, by the holding they hold. */
  private readonly holders = new WeakMap<Executor, number>();

  constructor(readonly prepare: (sql: string) => BetterSqlite3.Statement) {}

  /** The result now, or undefined when the executor must wait its turn through Kysely (`queue`). */
  tryRun<R>(executor: Executor, sql: string, parameters: readonly unknown[]): QueryResult<R> | undefined {
    // A transaction of this database holds the connection for its whole length; the root waits for it.
    if (executor.isTransaction ? !this.held || this.holders.get(executor) !== this.holder : this.held) return undefined;
    const statement = this.prepare(sql);
    if (statement.reader) return { rows: statement.all(parameters as unknown[]) as R[] };
    const { changes } = statement.run(parameters as unknown[]);
    return { rows: [], numAffectedRows: BigInt(changes) };
  }

  /** Runs the query through Kysely; a transaction it ran for holds the connection (this holding). */
  async queue<R>(executor: Executor, query: CompiledQuery): Promise<QueryResult<R>> {
    const holder = this.holder;
    const result = await executor.executeQuery<R>(query);
    if (executor.isTransaction) this.holders.set(executor, holder);
    return result;
  }
}

class DirectSqliteAdapter extends SqliteAdapter {
  constructor(readonly direct: DirectSqlite) {
    super();
  }
}

/** Marks the connection held from the moment Kysely hands it out until it is given back. */
class HeldConnectionDriver implements Driver {
  constructor(
    private readonly inner: Driver,
    private readonly direct: DirectSqlite,
  ) {}
  init(): Promise<void> {
    return this.inner.init();
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await this.inner.acquireConnection();
    this.direct.held = true;
    this.direct.holder++;
    return connection;
  }
  releaseConnection(connection: DatabaseConnection): Promise<void> {
    this.direct.held = false;
    return this.inner.releaseConnection(connection);
  }
  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.inner.beginTransaction(connection, settings);
  }
  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(connection);
  }
  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(connection);
  }
  savepoint: Driver["savepoint"] = (...args) => this.inner.savepoint!(...args);
  rollbackToSavepoint: Driver["rollbackToSavepoint"] = (...args) => this.inner.rollbackToSavepoint!(...args);
  releaseSavepoint: Driver["releaseSavepoint"] = (...args) => this.inner.releaseSavepoint!(...args);
  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

/** Kysely's SQLite dialect on a better-sqlite3 connection, with cached statements and the direct path. */
export function sqliteDialect(sqlite: BetterSqlite3.Database): SqliteDialect {
  const statements = statementCache(sqlite);
  const direct = new DirectSqlite(statements.prepare);
  return new (class extends SqliteDialect {
    override createDriver(): Driver {
      return new HeldConnectionDriver(super.createDriver(), direct);
    }
    override createAdapter(): SqliteAdapter {
      return new DirectSqliteAdapter(direct);
    }
  })({ database: statements });
}

/** The direct path of the executor's database, when it is a SQLite database opened by `openDb`. */
export function directSqliteOf(executor: Executor): DirectSqlite | undefined {
  const adapter = executor.getExecutor().adapter;
  return adapter instanceof DirectSqliteAdapter ? adapter.direct : undefined;
}
