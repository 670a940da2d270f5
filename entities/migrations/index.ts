import { Migrator, type Kysely, type Migration, type MigrationProvider } from "kysely";
import * as m0001 from "./0001_initial.js";

/** Every migration, in order. Written once, run on SQLite and PostgreSQL alike. */
const MIGRATIONS: Record<string, Migration> = {
  "0001_initial": m0001,
};

/** The migrations' names, in order: what a database migrated to the latest has applied. */
export function migrationNames(): string[] {
  return Object.keys(MIGRATIONS);
}

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/**
 * Applies pending migrations. On PostgreSQL `schema` names where the migration bookkeeping
 * lives: Kysely otherwise looks for its tables in every schema and may find another's.
 */
export async function migrateToLatest(db: Kysely<any>, schema?: string): Promise<string[]> {
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
