import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { optionsFromEnv, startServer } from "./start.js";
import { silentLog } from "./types.js";

describe("startServer (npm start, flashfusion serve)", () => {
  it("serves the configured database on HOST:PORT and closes cleanly", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ff-start-"));
    try {
      const server = await startServer({ port: 0, options: { log: silentLog } }, { FLASHFUSION_DATA_DIR: dir, FLASHFUSION_RATE_LIMIT: "5/60" });
      try {
        expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: "ok" });
        const r = await fetch(`${server.url}/api/v1/auth/register`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "a@example.com", password: "a long password", full_name: "A" }) });
        expect(r.status).toBe(201);
      } finally {
        await server.close();
      }
      await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reads its limits from the environment, and says what a bad value should look like", () => {
    expect(optionsFromEnv({ FLASHFUSION_RATE_LIMIT: "100/60", FLASHFUSION_MCP_ORIGINS: "https://a.example, https://b.example" })).toEqual({
      rateLimit: { capacity: 100, windowSeconds: 60 },
      mcpAllowedOrigins: ["https://a.example", "https://b.example"],
    });
    expect(() => optionsFromEnv({ FLASHFUSION_RATE_LIMIT: "lots" })).toThrow(/1000\/3600/);
    expect(optionsFromEnv({})).toEqual({});
  });
});
