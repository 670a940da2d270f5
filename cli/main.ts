import { Command, CommanderError } from "commander";
import { migrateToLatest } from "../entities/migrations/index.js";
import { COMMANDS } from "./commands/index.js";
import { withDb } from "./context.js";
import { oneLine } from "./errors.js";
import { DEMO_PASSWORD, seedDemo } from "./seed.js";

function program(out: (line: string) => void): Command {
  const cli = new Command("flashfusion")
    .description("FlashFusion: five agents that turn plain language into typed operations")
    .exitOverride()
    .configureOutput({ writeOut: (s) => out(s.trimEnd()), writeErr: () => {} });

  const db = cli.command("db").description("database maintenance");
  db.command("migrate")
    .description("apply pending migrations")
    .action(async () => {
      await withDb(async (handle) => {
        const applied = await migrateToLatest(handle.kysely);
        out(applied.length ? `applied: ${applied.join(", ")}` : `database is up to date (${handle.file})`);
      });
    });

  cli
    .command("seed")
    .description("fill the database with realistic demo data for every entity")
    .option("--workspace <id>", "workspace to seed", "ws_default")
    .option("--reset", "delete the database file first")
    .action(async (opts: { workspace: string; reset?: boolean }) => {
      await withDb(async (handle, config) => {
        const summary = await seedDemo(handle, { secretKey: config.secretKey, workspaceId: opts.workspace });
        out(`seeded ${handle.file}`);
        for (const [entity, count] of Object.entries(summary)) out(`  ${entity.padEnd(22)} ${count}`);
        out(`demo sign-in (POST /api/v1/auth/login): admin@acme.example or dev@acme.example, password ${DEMO_PASSWORD}`);
      });
    });

  for (const register of COMMANDS) register(cli, out);
  return cli;
}

/** Runs the command line; answers the exit code. Errors are one line on stderr. */
export async function main(argv: string[], out: (line: string) => void = console.log): Promise<number> {
  try {
    await program(out).parseAsync(argv, { from: "user" });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.exitCode === 0) return 0;
      console.error(`flashfusion: ${e.message.replace(/^error: /, "")}`);
      // Commander's own usage errors are 2; a command that ends with `this.error(…, { exitCode })` keeps its code.
      return e.code.startsWith("commander.") ? 2 : e.exitCode;
    }
    console.error(`flashfusion: ${oneLine(e)}`);
    return 1;
  }
}
