import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD } from "../cli/seed.js";
import { startTestServer, type TestServer } from "./testing/serve.js";

const demo = { workspaceId: "ws_default", account: { email: DEMO_ADMIN_EMAIL, password: DEMO_PASSWORD } };

describe("the widget's routes", () => {
  let plain: TestServer;
  let demoServer: TestServer;
  beforeAll(async () => {
    [plain, demoServer] = await Promise.all([startTestServer(), startTestServer({ server: { demo } })]);
  });
  afterAll(async () => {
    await Promise.all([plain?.close(), demoServer?.close()]);
  });

  it("serves /widget.js to pages on any origin: gzipped, cacheable, revalidated by ETag", async () => {
    const res = await plain.fetch("/widget.js", { headers: { "accept-encoding": "gzip" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    // The one answer that is not same-origin: a <script src> from another site must load it.
    expect(res.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    expect(res.headers.get("cache-control")).toBe("public, max-age=300");
    const etag = res.headers.get("etag")!;
    // fetch() undoes the gzip itself when the server says so; either way the script is whole.
    const body = Buffer.from(await res.arrayBuffer());
    const code = res.headers.get("content-encoding") === "gzip" && body[0] === 0x1f ? gunzipSync(body).toString() : body.toString();
    expect(code).toContain('"flashfusion-chat"');
    expect((await plain.fetch("/widget.js", { headers: { "if-none-match": etag } })).status).toBe(304);
    // Every other answer stays same-origin.
    expect((await plain.fetch("/healthz")).headers.get("cross-origin-resource-policy")).toBe("same-origin");
  });

  it("serves the demo page at / only on a demo server", async () => {
    const index = await plain.fetch("/");
    expect(index.headers.get("content-type")).toMatch(/^application\/json/);

    const res = await demoServer.fetch("/");
    expect(res.status).toBe(200);
    const html = await res.text();
    const csp = res.headers.get("content-security-policy")!;
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(html).toContain(`<script nonce="${nonce}">`);
    expect(html).toContain('<script src="/widget.js"></script>');
    expect(res.headers.get("cache-control")).toBe("no-store");
    // A fresh nonce per answer.
    expect((await demoServer.fetch("/")).headers.get("content-security-policy")).not.toBe(csp);

    // The account the page signs in with is the demo data's admin, and it works.
    const account = JSON.parse(/<script type="application\/json" id="demo-account">(.*?)<\/script>/.exec(html)![1]!) as { email: string; password: string };
    const login = await demoServer.fetch("/api/v1/auth/login", { json: account });
    expect(login.status).toBe(200);
    expect(((await login.json()) as { user: { role: string } }).user.role).toBe("admin");
  });
});
