import { systemClock } from "../../entities/clock.js";
import { createCipher } from "../../entities/crypto.js";
import { randomIds } from "../../entities/ids.js";
import { runDailyRollup } from "../../tools/analytics/rollup/daily.js";
import { withDb } from "../context.js";
import { UsageError } from "../errors.js";
import type { RegisterCommand } from "./index.js";

/** `flashfusion rollup`: writes the daily AnalyticsSnapshots (yesterday by default). */
export const registerRollup: RegisterCommand = (cli, out) => {
  cli
    .command("rollup")
    .description("write daily analytics snapshots (one per UTC day and workspace; running again updates them)")
    .option("--days <n>", "how many complete days before today", "1")
    .option("--workspace <id>", "only this workspace (default: every workspace)")
    .action(async (opts: { days: string; workspace?: string }) => {
      const days = Number(opts.days);
      if (!Number.isInteger(days) || days < 1 || days > 366) throw new UsageError(`--days must be a whole number from 1 to 366, not ${opts.days}`);
      await withDb(async (db, config) => {
        const results = await runDailyRollup(
          { db: db.kysely, cipher: createCipher(config.secretKey), clock: systemClock, ids: randomIds },
          { days, workspaceIds: opts.workspace ? [opts.workspace] : undefined },
        );
        if (!results.length) out("no workspaces to roll up");
        for (const r of results) out(`${r.workspace_id} ${r.period} ${r.snapshot_id}`);
      });
    });
};
