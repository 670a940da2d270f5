import { ENTITIES } from "./index.js";
import { columnOf, type FieldKind } from "./fields.js";

/**
 * A column's type as migrations write it, the same on both databases; `json` and `time` become
 * text on SQLite (as before) and jsonb and timestamptz on PostgreSQL (create-tables.ts).
 */
export type ColumnType = "text" | "integer" | "bigint" | "double precision" | "boolean" | "json" | "time";

export interface TableSpec {
  table: string;
  columns: [name: string, type: ColumnType, notNull: boolean][];
  unique: string[][];
  indexes: string[][];
}

const TYPE: Record<FieldKind, ColumnType> = {
  text: "text",
  int: "integer",
  real: "double precision",
  money: "bigint",
  bool: "boolean",
  json: "json",
  time: "time",
  encrypted: "text",
};

/** The tables the entity catalog describes now: migrations are checked against this. */
export function currentTables(): TableSpec[] {
  return Object.values(ENTITIES).map((def) => {
    const columns: TableSpec["columns"] = [
      ["id", "text", true],
      ["workspace_id", "text", true],
      ["created_at", "time", true],
      ["updated_at", "time", true],
    ];
    for (const [name, fld] of Object.entries(def.fields)) {
      columns.push([columnOf(name, fld), TYPE[fld.kind as FieldKind], !fld.nullable]);
    }
    return {
      table: def.table,
      columns,
      unique: def.unique.map((u) => ["workspace_id", ...u]),
      indexes: [...def.indexes.map((i) => ["workspace_id", ...i]), ...def.globalIndexes.map((i) => [...i])],
    };
  });
}
