// Prints the table specs of the current catalog, for writing a new migration:
//   npx tsx entities/migrations/generate.ts > /tmp/tables.json
import { currentTables } from "../columns.js";

console.log(JSON.stringify(currentTables(), null, 1));
