import type { Kysely } from "kysely";
import type { ColumnType, TableSpec } from "../columns.js";
import { dialectOf } from "../sql.js";

/** What each column type is called on each database. SQLite keeps JSON and times as text. */
const NATIVE = {
  sqlite: { json: "text", time: "text" },
  postgres: { json: "jsonb", time: "timestamptz" },
} as const;

export function nativeType(dialect: "sqlite" | "postgres", type: ColumnType) {
  return type === "json" || type === "time" ? NATIVE[dialect][type] : type;
}

export async function createTables(db: Kysely<any>, tables: TableSpec[]): Promise<void> {
  const dialect = dialectOf(db);
  for (const spec of tables) {
    let builder = db.schema.createTable(spec.table);
    for (const [name, type, notNull] of spec.columns) {
      builder = builder.addColumn(name, nativeType(dialect, type), (col) => {
        let c = col;
        if (name === "id") c = c.primaryKey();
        if (notNull) c = c.notNull();
        if (name === "workspace_id" && spec.table !== "workspaces") c = c.references("workspaces.id");
        return c;
      });
    }
    for (const cols of spec.unique) {
      builder = builder.addUniqueConstraint(`${spec.table}_${cols.slice(1).join("_")}_unique`, cols as any);
    }
    await builder.execute();
    for (const cols of spec.indexes) {
      await db.schema
        // Workspace indexes are named without their leading workspace_id; global ones say so.
        .createIndex(cols[0] === "workspace_id" ? `${spec.table}_${cols.slice(1).join("_")}_idx` : `${spec.table}_global_${cols.join("_")}_idx`)
        .on(spec.table)
        .columns(cols)
        .execute();
    }
  }
}
