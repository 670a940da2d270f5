import { dbTargetOf, loadConfig, type Config } from "../entities/config.js";
import { openDb, type Db } from "../entities/db.js";

/** Opens the configured database (migrations applied) for a command, and closes it after. */
export async function withDb<T>(fn: (db: Db, config: Config) => Promise<T>, options: { migrate?: boolean } = {}): Promise<T> {
  const config = loadConfig();
  const db = await openDb({ ...dbTargetOf(config), migrate: options.migrate });
  try {
    return await fn(db, config);
  } finally {
    await db.close();
  }
}
