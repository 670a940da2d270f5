import { loadConfig, type Config } from "../entities/config.js";
import { openDb, type Db } from "../entities/db.js";

/** Opens the configured database (migrations applied) for a command, and closes it after. */
export async function withDb<T>(fn: (db: Db, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  if (config.databaseUrl) throw new Error("DATABASE_URL (PostgreSQL) is not supported yet; unset it to use SQLite");
  const db = await openDb({ file: config.dbFile });
  try {
    return await fn(db, config);
  } finally {
    await db.close();
  }
}
