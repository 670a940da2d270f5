import { API_KEY_PERMISSIONS } from "../../entities/catalog/security.js";
import { systemClock } from "../../entities/clock.js";
import type { Db } from "../../entities/db.js";
import { DEFAULT_WORKSPACE_ID } from "../../entities/workspace.js";
import { createCore, type Core } from "../../tools/core.js";
import type { Actor } from "../../tools/define.js";
import { callTool, decideApproval, storeFor, type Caller } from "../../tools/door.js";
import { defaultRegistry } from "../../tools/index.js";
import { withDb } from "../context.js";
import { UsageError } from "../errors.js";
import type { RegisterCommand } from "./index.js";

/**
 * The actor the commands speak as: FLASHFUSION_USER (an id or email) or the workspace's first
 * admin. Keys are made through the tool door, so the usual checks and the audit log apply.
 */
async function callerFor(core: Core, db: Db, workspaceId: string): Promise<Caller> {
  const workspace = await db.kysely.selectFrom("workspaces").select("id").where("id", "=", workspaceId).executeTakeFirst();
  if (!workspace) throw new UsageError(`no workspace ${workspaceId} in ${db.location}`);
  const store = storeFor(core, workspaceId);
  const wanted = process.env.FLASHFUSION_USER;
  const users = await store.find("User", {}, { orderBy: "created_at" });
  const user = wanted ? users.find((u) => u.id === wanted || u.email === wanted) : users.find((u) => u.role === "admin");
  if (!user) throw new UsageError(wanted ? `FLASHFUSION_USER ${wanted} is not a user of workspace ${workspaceId}` : `workspace ${workspaceId} has no admin user`);
  const actor: Actor = { id: user.id, role: user.role, email: user.email, full_name: user.full_name };
  return { workspaceId, actor, requestId: "cli" };
}

async function withDoor<T>(workspaceId: string, fn: (core: Core, caller: Caller) => Promise<T>): Promise<T> {
  return withDb(async (db, config) => {
    const core = createCore({ db, secretKey: config.secretKey, registry: defaultRegistry(), clock: systemClock });
    try {
      return await fn(core, await callerFor(core, db, workspaceId));
    } finally {
      await core.stop();
    }
  });
}

const list = (text: string | undefined) => (text ?? "").split(",").map((s) => s.trim()).filter(Boolean);

function days(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--expires-in-days ${text} is not a whole number of days`);
  return n;
}

/** `flashfusion keys create|list|revoke`: API keys for the REST API, the chat API and MCP over HTTP. */
export const registerKeys: RegisterCommand = (cli, out) => {
  const keys = cli.command("keys").description("API keys (ffai_…): create, list, revoke");

  keys
    .command("create")
    .description("create an API key; the key is printed once and only its hash is kept")
    .requiredOption("--name <name>", "what uses the key, e.g. deploy-bot")
    .requiredOption("--permissions <list>", `comma-separated: ${API_KEY_PERMISSIONS.join(", ")}`)
    .option("--pipelines <list>", "only these pipelines (names or ids, comma-separated)")
    .option("--expires-in-days <n>", "days until the key expires (default: never)")
    .option("--workspace <id>", "the workspace", DEFAULT_WORKSPACE_ID)
    .action(async (opts: { name: string; permissions: string; pipelines?: string; expiresInDays?: string; workspace: string }) => {
      const input = {
        name: opts.name,
        permissions: list(opts.permissions),
        ...(opts.pipelines ? { pipelines: list(opts.pipelines) } : {}),
        ...(opts.expiresInDays ? { expires_in_days: days(opts.expiresInDays) } : {}),
      };
      await withDoor(opts.workspace, async (core, caller) => {
        const result = await callTool(core, "create_api_key", input, caller);
        if (result.status !== "ok") throw new UsageError("unexpected approval request");
        const key = result.output as { id: string; name: string; plaintext_key: string; permissions: string[]; expires_at: string | null };
        out(`Created API key ${key.name} (${key.id}): ${key.permissions.join(", ")}; ${key.expires_at ? `expires ${key.expires_at.slice(0, 10)}` : "never expires"}.`);
        out("The key, shown only now (FlashFusion keeps only its hash):");
        out(key.plaintext_key);
      });
    });

  keys
    .command("list")
    .description("list API keys (never the keys themselves)")
    .option("--all", "include revoked keys")
    .option("--workspace <id>", "the workspace", DEFAULT_WORKSPACE_ID)
    .action(async (opts: { all?: boolean; workspace: string }) => {
      await withDoor(opts.workspace, async (core, caller) => {
        const active = await callTool(core, "list_api_keys", {}, caller);
        const revoked = opts.all ? await callTool(core, "list_api_keys", { state: "revoked" }, caller) : undefined;
        for (const result of [active, revoked]) if (result?.status === "ok") for (const line of result.reply.split("\n")) out(line);
      });
    });

  keys
    .command("revoke")
    .description("revoke an API key at once (by name, id or preview)")
    .argument("<key>", "the key's name, id (key_…) or preview (ffai_...9f2c)")
    .option("--yes", "confirm: without it, only says what would be revoked")
    .option("--workspace <id>", "the workspace", DEFAULT_WORKSPACE_ID)
    .action(async (ref: string, opts: { yes?: boolean; workspace: string }) => {
      await withDoor(opts.workspace, async (core, caller) => {
        const first = await callTool(core, "revoke_api_key", { key: ref }, caller);
        if (first.status !== "approval_required") throw new UsageError("unexpected answer without approval");
        if (!opts.yes) {
          await decideApproval(core, caller, first.approval.id, false);
          throw new UsageError(`${first.approval.summary} Run again with --yes to revoke it.`);
        }
        await decideApproval(core, caller, first.approval.id, true);
        const done = await callTool(core, "revoke_api_key", { key: ref }, { ...caller, approvalId: first.approval.id });
        if (done.status === "ok") out(done.reply);
      });
    });
};
