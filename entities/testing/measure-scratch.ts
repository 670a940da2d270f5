// What a scratch database costs on the PostgreSQL server at FLASHFUSION_TEST_DATABASE_URL, open
// to closed, with the checkpoint tables a runtime needs: a clone of the template (what tests and
// evaluation cases get) against migrating a fresh schema (what they got before), alternately.
//
//   npx tsx entities/testing/measure-scratch.ts [rounds]
import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { openCheckpointer } from "../../graph/checkpointer.js";
import { openDb, type Db } from "../db.js";
import { closeScratchServer, openScratchDb } from "../scratch.js";

const url = process.env.FLASHFUSION_TEST_DATABASE_URL;
if (!url) throw new Error('FLASHFUSION_TEST_DATABASE_URL is not set: eval "$(scripts/pg-test-server.sh start)" first');
const rounds = Number(process.argv[2] ?? 20);

async function migratedSchema(): Promise<Db> {
  const schema = `measure_${randomBytes(6).toString("hex")}`;
  const db = await openDb({ url: url!, schema, poolSize: 4 });
  const close = async () => {
    await sql`drop schema ${sql.id(schema)} cascade`.execute(db.kysely);
    await db.close();
  };
  return { ...db, close };
}

const ways: Record<string, () => Promise<Db>> = { "clone of the template": () => openScratchDb({ url }), "migrated schema": migratedSchema };
const times = new Map<string, number[]>();
await (await openScratchDb({ url })).close(); // builds the template
for (let round = 0; round < rounds; round++) {
  for (const [name, open] of Object.entries(ways)) {
    const started = performance.now();
    const db = await open();
    await (await openCheckpointer(db)).close();
    await db.close();
    times.set(name, [...(times.get(name) ?? []), performance.now() - started]);
  }
}
await closeScratchServer(url);

const at = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!.toFixed(0);
for (const [name, xs] of times) console.log(`${name.padEnd(22)} median ${at(xs, 0.5).padStart(4)} ms   p90 ${at(xs, 0.9).padStart(4)} ms   (${xs.length} rounds)`);
