import { systemClock } from "../../entities/clock.js";
import { createCipher } from "../../entities/crypto.js";
import { randomIds } from "../../entities/ids.js";
import { Store } from "../../entities/store.js";
import { DEFAULT_WORKSPACE_ID } from "../../entities/workspace.js";
import { setSecretValue } from "../../tools/cicd/secrets/index.js";
import { withDb } from "../context.js";
import { UsageError } from "../errors.js";
import type { RegisterCommand } from "./index.js";

/** Where the value comes from: standard input, hidden when it is a terminal. */
export interface ValueSource {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  /** Where the prompt goes on a terminal (never standard output, which scripts read). */
  prompt: (text: string) => void;
}

/** A line typed on a terminal without echo: Enter ends it, Backspace removes, Ctrl-C cancels. */
function readHidden(source: ValueSource): Promise<string> {
  const { stdin } = source;
  return new Promise((resolve, reject) => {
    let value = "";
    const done = (end: () => void) => {
      stdin.removeListener("data", onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      source.prompt("\n");
      end();
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of chunk.toString("utf8")) {
        if (ch === "\r" || ch === "\n") return done(() => resolve(value));
        if (ch === "\u0003") return done(() => reject(new UsageError("cancelled; nothing was stored")));
        if (ch === "\u007f" || ch === "\b") value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.setRawMode?.(true);
    stdin.on("data", onData);
    stdin.resume();
  });
}

/** Everything piped in, less one final line break (`printf 'x' |`, `echo x |` and `< file` all work). */
async function readPiped(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}

function expiryOption(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const at = new Date(text);
  if (Number.isNaN(at.getTime())) throw new UsageError(`--expires ${text} is not a date; use e.g. 2026-12-31 or 2026-12-31T00:00:00Z`);
  if (at.getTime() <= Date.now()) throw new UsageError(`--expires ${text} is not in the future`);
  return at.toISOString();
}

/** `flashfusion secrets set NAME`: the one way a secret's value gets in. The value is never printed. */
export function secretsCommands(source: ValueSource = { stdin: process.stdin, prompt: (t) => process.stderr.write(t) }): RegisterCommand {
  return (cli, out) => {
    const secrets = cli.command("secrets").description("encrypted secrets for pipeline runs");
    secrets
      .command("set")
      .description("store a secret's value, read from standard input (create the secret, or replace its value)")
      .argument("<name>", "the secret's name, e.g. DEPLOY_TOKEN")
      .option("--env <environments>", "environments that may use it, by name or id, comma-separated, or all (required for a new secret)")
      .option("--expires <date>", "when it expires, e.g. 2026-12-31")
      .option("--workspace <id>", "the workspace", DEFAULT_WORKSPACE_ID)
      .action(async (name: string, opts: { env?: string; expires?: string; workspace: string }) => {
        const expiresAt = expiryOption(opts.expires);
        if (source.stdin.isTTY) source.prompt(`Value for ${name} (not shown; Enter to finish): `);
        const value = source.stdin.isTTY ? await readHidden(source) : await readPiped(source.stdin);
        if (!value) throw new UsageError("no value on standard input; nothing was stored");
        await withDb(async (db, config) => {
          const workspace = await db.kysely.selectFrom("workspaces").select("id").where("id", "=", opts.workspace).executeTakeFirst();
          if (!workspace) throw new UsageError(`no workspace ${opts.workspace} in ${db.location}`);
          const store = new Store({ db: db.kysely, cipher: createCipher(config.secretKey), clock: systemClock, ids: randomIds }, opts.workspace);
          const { secret, created } = await db.kysely
            .transaction()
            .execute((trx) => setSecretValue(store.with(trx), { name, value, environments: opts.env, expiresAt }));
          const scope = secret.all_environments ? "every environment" : secret.environments.map((e) => e.name).join(", ");
          const expiry = secret.expires_at ? `, expires ${secret.expires_at.slice(0, 10)}` : "";
          out(`${created ? "Created secret" : "Stored a new value for"} ${secret.name} (version ${secret.version}; ${scope}${expiry}).`);
        });
      });
  };
}

export const registerSecrets: RegisterCommand = secretsCommands();
