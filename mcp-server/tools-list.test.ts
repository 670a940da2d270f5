import { afterAll, beforeAll, expect, it } from "vitest";
import { connect, memoryLog, openSeeded, type Seeded } from "./testing/fixture.js";

let seeded: Seeded;
beforeAll(async () => {
  seeded = await openSeeded();
});
afterAll(async () => {
  await seeded.close();
});

/**
 * The public tool surface MCP clients depend on: names, effect hints and argument names (with
 * `*` for required). A change here is a change for every client: update the snapshot on purpose
 * (`npx vitest run mcp-server/tools-list.test.ts -u`) and say so in the change.
 */
it("tools/list matches the recorded surface", async () => {
  const { client, close } = await connect(seeded, { log: memoryLog() });
  try {
    const { tools } = await client.listTools();
    const surface = tools.map((t) => {
      const required = new Set(t.inputSchema.required ?? []);
      const a = t.annotations ?? {};
      return {
        name: t.name,
        hints: [a.readOnlyHint && "readOnly", a.destructiveHint && "destructive", a.idempotentHint && "idempotent", a.openWorldHint && "openWorld"].filter(Boolean).join(" "),
        arguments: Object.keys(t.inputSchema.properties ?? {}).map((k) => (required.has(k) ? `${k}*` : k)).join(" "),
      };
    });
    await expect(`${JSON.stringify(surface, null, 1)}\n`).toMatchFileSnapshot("./__snapshots__/tools-list.json");
  } finally {
    await close();
  }
});
