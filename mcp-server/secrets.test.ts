import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { dumpEveryRow } from "../entities/scratch.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyApiKey } from "../tools/cicd/index.js";
import { connect, memoryLog, openSeeded, type Seeded } from "./testing/fixture.js";

let seeded: Seeded;
let client: Client;
let close: () => Promise<void>;
const log = memoryLog();

beforeAll(async () => {
  seeded = await openSeeded();
  ({ client, close } = await connect(seeded, { log }));
});
afterAll(async () => {
  await close();
  await seeded.close();
});

type Content = { type: string; text: string }[];

/** Every row of every table (checkpoints included), as text: what a database dump would show. */
function dump(): Promise<string> {
  return dumpEveryRow(seeded.db);
}

const keyIn = (text: string) => /ffai_[0-9A-Za-z]{36}/.exec(text)?.[0];

describe("a value shown once (a new API key)", () => {
  it("reaches the immediate caller in the text of that one result, never in structuredContent, a log or the database", async () => {
    const r = await client.callTool({ name: "create_api_key", arguments: { name: "mcp-once", permissions: ["read_runs"] } });
    expect(r.isError).toBeFalsy();
    const content = r.content as Content;
    expect(r.structuredContent).toMatchObject({ name: "mcp-once", plaintext_key: "[shown once; not stored]" });
    expect(JSON.stringify(r.structuredContent)).not.toMatch(/ffai_[0-9A-Za-z]{36}/);
    expect(JSON.parse(content[0]!.text)).toEqual(r.structuredContent);
    const plaintext = keyIn(content[1]!.text)!;
    expect(content[1]!.text).toContain(`plaintext_key: ${plaintext}`);
    expect((await verifyApiKey(seeded.db, plaintext)).ok).toBe(true);
    expect(log.lines.join("\n")).not.toContain(plaintext);
    expect(await dump()).not.toContain(plaintext);
  });

  it("made by an agent through ask_agent, is in that result's text only; the thread and its checkpoints keep the placeholder", async () => {
    const r = await client.callTool({ name: "ask_agent", arguments: { text: "Create an API key called chat-made with read_runs" } });
    expect(r.isError).toBeFalsy();
    const turn = r.structuredContent as { status: string; reply: string; tool_calls: { tool: string }[] };
    expect(turn.tool_calls).toEqual([{ tool: "create_api_key", status: "ok" }]);
    expect(JSON.stringify(r.structuredContent)).not.toMatch(/ffai_[0-9A-Za-z]{36}/);
    const shown = (r.content as Content).map((c) => c.text).join("\n");
    const plaintext = keyIn(shown)!;
    expect(shown).toContain(`create_api_key.plaintext_key: ${plaintext}`);
    expect((await verifyApiKey(seeded.db, plaintext)).ok).toBe(true);
    expect(log.lines.join("\n")).not.toContain(plaintext);
    expect(await dump()).not.toContain(plaintext);
  });

  it("a signing secret of a new webhook is handled the same way", async () => {
    const r = await client.callTool({ name: "create_webhook", arguments: { url: "https://hooks.example.com/mcp", events: ["run.failed"] } });
    expect(r.isError).toBeFalsy();
    const secret = /whsec_\S+/.exec((r.content as Content)[1]!.text)?.[0];
    expect(secret).toBeDefined();
    expect(JSON.stringify(r.structuredContent)).not.toContain(secret);
    expect(await dump()).not.toContain(secret);
  });
});
