import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { systemClock } from "../../entities/clock.js";
import { createCipher } from "../../entities/crypto.js";
import { openDb } from "../../entities/db.js";
import { randomIds } from "../../entities/ids.js";
import { Store } from "../../entities/store.js";
import { chatEventLog } from "../../graph/thread-log.js";
import { historyOf } from "../../server/chat/history.js";
import { TEST_SECRET_KEY } from "../../tools/testing.js";
import { registerChat } from "./chat.js";

let dir: string;
const saved = { ...process.env };

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "ff-chat-cli-"));
  process.env.FLASHFUSION_DB = join(dir, "ff.db");
  process.env.FLASHFUSION_SECRET_KEY = TEST_SECRET_KEY;
  delete process.env.DATABASE_URL;
  delete process.env.FLASHFUSION_USER;
  delete process.env.FLASHFUSION_PROVIDER;
});
afterEach(() => {
  process.env = { ...saved };
  rmSync(dir, { recursive: true, force: true });
});

describe("flashfusion chat", () => {
  it("answers a one-shot command and keeps the conversation in its thread's log, as the HTTP API shows it", async () => {
    const lines: string[] = [];
    const cli = new Command("flashfusion").exitOverride();
    registerChat(cli, (l) => lines.push(l));
    await cli.parseAsync(["chat", "Add", "note:", "Call", "ACME", "Friday", "9am"], { from: "user" });
    const threadId = /\(thread (thr_\w+)\)/.exec(lines.join("\n"))?.[1];
    expect(threadId, lines.join("\n")).toBeDefined();

    const db = await openDb({ file: process.env.FLASHFUSION_DB! });
    try {
      const store = new Store({ db: db.kysely, cipher: createCipher(TEST_SECRET_KEY), clock: systemClock, ids: randomIds }, "ws_default");
      expect((await store.findOne("Note", {}))?.content).toMatch(/Call ACME/);
      expect(historyOf(await chatEventLog(store).all(threadId!))).toMatchObject([
        { role: "user", text: "Add note: Call ACME Friday 9am" },
        { role: "assistant", agent: "Copilot", kind: "answer", tools: [{ tool: "add_note", status: "ok" }] },
      ]);
    } finally {
      await db.close();
    }
  });
});
