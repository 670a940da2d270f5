import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RegisterCommand } from "./index.js";
import { AGENTS, AGENT_NAMES } from "../../agents/index.js";
import { loadConfig } from "../../entities/config.js";
import { openDb } from "../../entities/db.js";
import { createRuntime } from "../../graph/runtime.js";
import { loggedTurn } from "../../graph/thread-log.js";
import { collectTurn } from "../../graph/types.js";
import { storeFor } from "../../tools/door.js";
import { seedDemo } from "../seed.js";
import { printer } from "../print.js";

/** More of what people say, after each agent's own examples from the seed. */
const FOLLOW_UPS: Record<string, string[]> = {
  FlowDirector: ["Show workflow exec_1234"],
  SignalSage: ["Forecast daily signups for the next 7 days"],
  Copilot: ["Add note to Website Relaunch: hero image needs alt text #a11y", "Resume my last draft"],
  CICDAssistant: ["What's the status of build #1233?", "And #1227?"],
  SecurityAuditor: ["What's the CVSS score for AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H?", "Which secrets haven't been rotated in 90 days?"],
};

export const registerDemo: RegisterCommand = (cli, out) => {
  cli
    .command("demo")
    .description("a fresh demo database, then every example command of the seed through the agents")
    .option("--keep", "keep the demo database and print where it is")
    .action(async (opts: { keep?: boolean }) => {
      const dir = mkdtempSync(join(tmpdir(), "flashfusion-demo-"));
      const file = join(dir, "demo.db");
      const config = loadConfig({ ...process.env, FLASHFUSION_DATA_DIR: dir, FLASHFUSION_DB: file });
      const db = await openDb({ file });
      try {
        const counts = await seedDemo(db, { secretKey: config.secretKey });
        out(`Demo workspace seeded (${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(", ")}).`);
        out("Local provider: deterministic, no network and no key.\n");
        const runtime = await createRuntime({ db, secretKey: config.secretKey });
        const speaker = { workspaceId: "ws_default", actorId: "usr_admin" };
        // Logged like any conversation: a kept demo database shows these threads over HTTP.
        const log = storeFor(runtime.core, speaker.workspaceId);
        const print = printer(out);
        for (const name of AGENT_NAMES) {
          out(`━━ ${name}: ${AGENTS[name].purpose}`);
          let threadId: string | undefined;
          for (const text of [...AGENTS[name].examples, ...(FOLLOW_UPS[name] ?? [])]) {
            out(`\n> ${text}`);
            let result = await collectTurn(loggedTurn(log, runtime.chat({ speaker, text, threadId }), text));
            result.events.forEach(print);
            threadId = result.threadId;
            if (result.status === "awaiting_approval") {
              out("  (the demo approves)");
              result = await collectTurn(loggedTurn(log, runtime.approve({ speaker, threadId, approve: true }), null));
              result.events.forEach(print);
            }
          }
          await runtime.settle(30_000);
          out("");
        }
        await runtime.close();
        if (opts.keep) out(`Demo database: ${file}`);
      } finally {
        await db.close();
        if (!opts.keep) rmSync(dir, { recursive: true, force: true });
      }
    });
};
