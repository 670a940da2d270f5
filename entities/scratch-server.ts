import { createHash } from "node:crypto";
import pg from "pg";
import { currentTables } from "./columns.js";
import { openDb, redactUrl } from "./db.js";
import { migrationNames } from "./migrations/index.js";

/**
 * Scratch databases on a PostgreSQL server, made cheaply: the migration runs once, into a
 * template database that also holds LangGraph's checkpoint tables, and every scratch database
 * is a clone of it (`CREATE DATABASE … TEMPLATE …`, a copy of its files) — a few tens of
 * milliseconds where migrating a fresh schema takes several times that. Each clone is a database of its
 * own (its own catalogue, advisory locks and sessions), dropped when it is closed.
 *
 * Every database made here is named `ff_<kind>_…`, so a test run's clean-up finds them all.
 */
export type ScratchKind = "scratch" | "file" | "template";

const SCRATCH_NAME = /^ff_(scratch|file|template)_[a-z0-9_]+$/;

export function scratchName(kind: ScratchKind, suffix: string): string {
  const name = `ff_${kind}_${suffix}`;
  quoted(name);
  return name;
}

/**
 * The template's name follows what the migration builds (the migrations applied and the
 * catalog's tables), so a server never hands out clones of an older schema.
 */
export function templateName(): string {
  const key = createHash("sha256").update(JSON.stringify([migrationNames(), currentTables()])).digest("hex").slice(0, 16);
  return scratchName("template", key);
}

/** The URL of another database on the same server. */
export function databaseUrl(url: string, database: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`scratch databases need a postgres:// URL; ${redactUrl(url)} is not one`);
  }
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export interface ScratchServer {
  /** The template's name; built on first use by whichever process comes first (the others wait). */
  template(): Promise<string>;
  /** Clones the template into a new database; answers its URL. With `reuse`, a database of that name already there is answered as it is. */
  clone(name: string, options?: { reuse?: boolean }): Promise<string>;
  /** Drops the database once the sessions this process closed have ended; sessions still open are ended. */
  drop(name: string): Promise<void>;
  /** Drops the template (if there): the end of a run that made scratch databases. */
  dropTemplate(): Promise<void>;
  /** Closes this process's connections to the server (the template stays). */
  close(): Promise<void>;
}

const servers = new Map<string, ScratchServer>();

/**
 * The scratch databases of the server at `url`. One per server and process (until closed): its
 * template is looked up once, and its two connections (to the URL's own database, from where
 * databases are created and dropped) are shared by every scratch database; idle, they do not
 * hold the process open.
 */
export function scratchServer(url: string): ScratchServer {
  let server = servers.get(url);
  if (!server) servers.set(url, (server = createScratchServer(url)));
  return server;
}

/** Closes this process's connections to every server it made scratch databases on: the end of a test file. */
export async function closeScratchServers(): Promise<void> {
  await Promise.all([...servers.values()].map((server) => server.close()));
}

/** Key of the advisory lock under which one process at a time builds or drops the template. */
const TEMPLATE_LOCK = 715_003;

const DUPLICATE_DATABASE = "42P04";
const UNIQUE_VIOLATION = "23505";
const UNDEFINED_DATABASE = "3D000";
const INSUFFICIENT_PRIVILEGE = "42501";

const codeOf = (e: unknown): string | undefined => (e as { code?: string } | null)?.code;

/** A scratch database's name as an SQL identifier; only names made here pass. */
function quoted(name: string): string {
  if (!SCRATCH_NAME.test(name) || name.length > 63) throw new Error(`${JSON.stringify(name)} is not a scratch database name (ff_<kind>_ and lower-case letters, digits, _)`);
  return `"${name}"`;
}

function createScratchServer(url: string): ScratchServer {
  const admin = new pg.Pool({ connectionString: url, max: 2, allowExitOnIdle: true });
  admin.on("error", (e) => console.error(`[flashfusion] idle PostgreSQL connection lost: ${e.message}`));
  const where = redactUrl(url);
  let ready: Promise<{ name: string; strategy: string }> | undefined;
  const template = () =>
    (ready ??= buildTemplate().catch((e: unknown) => {
      ready = undefined;
      throw e;
    }));

  const cannotCreate = (e: unknown): Error =>
    codeOf(e) === INSUFFICIENT_PRIVILEGE
      ? new Error(`cannot create scratch databases on ${where}: they are clones of a template database, so the role needs CREATEDB (ALTER ROLE … CREATEDB)`)
      : (e as Error);

  async function withTemplateLock<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await admin.connect().catch((e: Error) => {
      throw new Error(`cannot reach PostgreSQL at ${where}: ${e.message}`);
    });
    try {
      await client.query("select pg_advisory_lock($1)", [TEMPLATE_LOCK]);
      try {
        return await work(client);
      } finally {
        await client.query("select pg_advisory_unlock($1)", [TEMPLATE_LOCK]);
      }
    } finally {
      client.release();
    }
  }

  async function buildTemplate(): Promise<{ name: string; strategy: string }> {
    const name = templateName();
    return withTemplateLock(async (client) => {
      const version = Number((await client.query<{ v: string }>("select current_setting('server_version_num') as v")).rows[0]!.v);
      if (version < 130000) throw new Error(`scratch databases need PostgreSQL 13 or newer (DROP DATABASE … WITH (FORCE)); ${where} runs ${version}`);
      // PostgreSQL 15 copies a template block by block through its WAL by default; copying the files is faster for a small one.
      const strategy = version >= 150000 ? " strategy file_copy" : "";
      const { rows } = await client.query<{ ready: boolean }>("select datistemplate as ready from pg_database where datname = $1", [name]);
      if (rows[0]?.ready) return { name, strategy };
      // There but not marked ready: left half-built by a process that died.
      if (rows[0]) await dropDatabase(client, name);
      await client.query(`create database ${quoted(name)}`).catch((e: unknown) => {
        throw cannotCreate(e);
      });
      try {
        await migrate(databaseUrl(url, name));
        await sessionsEnded(client, name);
        // No session may be open on a template while it is cloned: none can be from now on.
        await client.query(`alter database ${quoted(name)} with is_template true allow_connections false`);
      } catch (e) {
        await dropDatabase(client, name);
        throw e;
      }
      return { name, strategy };
    });
  }

  const server: ScratchServer = {
    template: async () => (await template()).name,

    async clone(name, options = {}) {
      for (let attempt = 1; ; attempt++) {
        const { name: source, strategy } = await template();
        try {
          await admin.query(`create database ${quoted(name)} template ${quoted(source)}${strategy}`);
          return databaseUrl(url, name);
        } catch (e) {
          // Another process made it first (two servers of a test opening one file).
          if (options.reuse && (codeOf(e) === DUPLICATE_DATABASE || codeOf(e) === UNIQUE_VIOLATION)) return databaseUrl(url, name);
          // Another run's end dropped the template: build it again, once.
          if (codeOf(e) === UNDEFINED_DATABASE && attempt === 1) {
            ready = undefined;
            continue;
          }
          throw cannotCreate(e);
        }
      }
    },

    async drop(name) {
      await sessionsEnded(admin, name);
      await dropDatabase(admin, name);
    },

    async dropTemplate() {
      ready = undefined;
      await withTemplateLock(async (client) => {
        const name = templateName();
        const { rows } = await client.query<{ template: boolean }>("select datistemplate as template from pg_database where datname = $1", [name]);
        if (rows[0]) await dropDatabase(client, name, rows[0]);
      });
    },

    async close() {
      if (servers.get(url) === server) servers.delete(url);
      if (!admin.ending) await admin.end();
    },
  };
  return server;
}

/** Migrates a new database as a server would on first start, and creates the checkpoint tables a runtime makes on first use. */
async function migrate(url: string): Promise<void> {
  const db = await openDb({ url, poolSize: 2 });
  try {
    // Imported here: the entity layer needs the graph's checkpointer only to build a template.
    const { openCheckpointer } = await import("../graph/checkpointer.js");
    await (await openCheckpointer(db)).close();
  } finally {
    await db.close();
  }
}

type Queryable = Pick<pg.Client, "query">;

/**
 * Waits (briefly) for the database's sessions to end. Closing a pool does not wait for the server
 * to end its sessions, and DROP DATABASE, finding one still ending, waits in 100 ms steps.
 */
async function sessionsEnded(client: Queryable, name: string, waitMs = 1_000): Promise<void> {
  const deadline = performance.now() + waitMs;
  for (;;) {
    const { rows } = await client.query<{ n: number }>("select count(*)::int as n from pg_stat_activity where datname = $1", [name]);
    if (rows[0]!.n === 0 || performance.now() > deadline) return;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** Drops the database, ending any session still on it (a template must first stop being one). */
async function dropDatabase(client: Queryable, name: string, { template = false } = {}): Promise<void> {
  if (template) await client.query(`alter database ${quoted(name)} with is_template false`);
  await client.query(`drop database if exists ${quoted(name)} with (force)`);
}

/** Drops every database the scratch machinery made on the server (a test run's start and end); answers how many. */
export async function dropScratchDatabases(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect().catch((e: Error) => {
    throw new Error(`cannot reach PostgreSQL at ${redactUrl(url)}: ${e.message}`);
  });
  try {
    const { rows } = await client.query<{ name: string; template: boolean }>(
      `select datname as name, datistemplate as template from pg_database where datname ~ '^ff_(scratch|file|template)_'`,
    );
    for (const { name, template } of rows) await dropDatabase(client, name, { template });
    return rows.length;
  } finally {
    await client.end();
  }
}
