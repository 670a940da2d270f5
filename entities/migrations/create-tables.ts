import type { Kysely } from "kysely";
import type { TableSpec } from "../columns.js";

export async function createTables(db: Kysely<any>, tables: TableSpec[]): Promise<void> {
  for (const spec of tables) {
    let builder = db.schema.createTable(spec.table);
    for (const [name, type, notNull] of spec.columns) {
      builder = builder.addColumn(name, type, (col) => {
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
