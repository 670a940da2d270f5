import type { Kysely } from "kysely";
import { currentTables } from "../columns.js";
import { createTables } from "./create-tables.js";

// Until the first release this migration follows the catalog; at release it is frozen into a
// literal table list (entities/migrations/generate.ts prints it) and later changes become new
// migrations.
export async function up(db: Kysely<any>): Promise<void> {
  await createTables(db, currentTables());
}
