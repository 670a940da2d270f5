import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { join, resolve } from "node:path";

export interface Config {
  dataDir: string;
  /** SQLite file; `:memory:` for a throwaway database. */
  dbFile: string;
  /** When set (postgres://…), the store runs on PostgreSQL instead of SQLite. */
  databaseUrl?: string;
  /** The key ring text: `version:base64` pairs, current first. */
  secretKey: string;
}

type Env = Record<string, string | undefined>;

/** The configured database: PostgreSQL when DATABASE_URL is set, else the SQLite file. */
export function dbTargetOf(config: Config): { url: string } | { file: string } {
  return config.databaseUrl ? { url: config.databaseUrl } : { file: config.dbFile };
}

export function loadConfig(env: Env = process.env): Config {
  const dataDir = resolve(env.FLASHFUSION_DATA_DIR || "./data");
  const dbFile = env.FLASHFUSION_DB ? resolve(env.FLASHFUSION_DB) : join(dataDir, "flashfusion.db");
  return {
    dataDir,
    dbFile,
    databaseUrl: postgresUrl(env.DATABASE_URL),
    secretKey: env.FLASHFUSION_SECRET_KEY || readOrCreateKeyFile(dataDir),
  };
}

function postgresUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  if (!/^postgres(ql)?:\/\//i.test(url)) {
    throw new Error("DATABASE_URL must be a PostgreSQL URL (postgres://user:password@host:5432/database); unset it to use the SQLite file");
  }
  return url;
}

/** `secret.key` in the data directory, created on first run with mode 0600. */
function readOrCreateKeyFile(dataDir: string): string {
  const file = join(dataDir, "secret.key");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const text = `1:${randomBytes(32).toString("base64")}`;
  writeFileSync(file, `${text}\n`, { mode: 0o600, flag: "wx" });
  chmodSync(file, 0o600);
  return text;
}
