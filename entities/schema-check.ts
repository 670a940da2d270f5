/**
 * Until the first release the initial migration follows the entity catalog, so a database made
 * by an older checkout can lack columns the code now uses. Rather than let the first query fail
 * with "no such column", opening such a database says what is wrong and what to do.
 */
import { sql, type Kysely } from "kysely";
import { currentTables } from "./columns.js";

export class OutdatedSchemaError extends Error {
  constructor(location: string, missing: readonly string[]) {
    super(
      `the database ${location} was made by an older version of FlashFusion (it lacks ${missing.slice(0, 3).join(", ")}${missing.length > 3 ? ` and ${missing.length - 3} more` : ""}). ` +
        "Before the first release the schema changes in place: move or delete that database (or point FLASHFUSION_DATA_DIR / DATABASE_URL elsewhere) and run `flashfusion seed` for fresh demo data.",
    );
    this.name = "OutdatedSchemaError";
  }
}

/** Tables and columns of the catalog that the database lacks, as `table.column` (one query). */
export async function missingColumns(db: Kysely<any>, dialect: "sqlite" | "postgres"): Promise<string[]> {
  const rows =
    dialect === "postgres"
      ? (await sql<{ t: string; c: string }>`select table_name as t, column_name as c from information_schema.columns where table_schema = current_schema()`.execute(db)).rows
      : (await sql<{ t: string; c: string }>`select m.name as t, p.name as c from sqlite_master m join pragma_table_info(m.name) p where m.type = 'table'`.execute(db)).rows;
  const have = new Set(rows.map((r) => `${r.t}.${r.c}`));
  return currentTables().flatMap((spec) => spec.columns.map(([c]) => `${spec.table}.${c}`).filter((col) => !have.has(col)));
}
