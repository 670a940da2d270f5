import { ENTITIES } from "./index.js";
import { columnOf, type FieldKind } from "./fields.js";

export type ColumnType = "text" | "integer" | "bigint" | "double precision" | "boolean";

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
  json: "text",
  time: "text",
  encrypted: "text",
};

/** The tables the entity catalog describes now: migrations are checked against this. */
export function currentTables(): TableSpec[] {
  return Object.values(ENTITIES).map((def) => {
    const columns: TableSpec["columns"] = [
      ["id", "text", true],
      ["workspace_id", "text", true],
      ["created_at", "text", true],
      ["updated_at", "text", true],
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
