import { gunzipSync } from "node:zlib";
import { describe, expect, it, vi } from "vitest";
import type { WidgetBundle } from "./build.js";
import { createWidgetAssets, demoPage, widgetScriptResponse } from "./serve.js";
import { gzipSync } from "node:zlib";

function bundleOf(code: string): WidgetBundle {
  const gzip = gzipSync(code);
  return { code, gzip, etag: '"abc"', integrity: "sha384-x", bytes: Buffer.byteLength(code), gzipBytes: gzip.length };
}

describe("GET /widget.js", () => {
  const bundle = bundleOf("(()=>{customElements.define('flashfusion-chat',class extends HTMLElement{})})();");

  it("answers the script gzipped when the client accepts it, loadable from any origin", async () => {
    const res = widgetScriptResponse(bundle, new Request("http://x/widget.js", { headers: { "accept-encoding": "gzip, br" } }));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(res.headers.get("content-encoding")).toBe("gzip");
    expect(res.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    expect(res.headers.get("etag")).toBe('"abc"');
    expect(res.headers.get("vary")).toBe("accept-encoding");
    expect(gunzipSync(Buffer.from(await res.arrayBuffer())).toString()).toBe(bundle.code);
  });

  it("answers plain text to a client without gzip, and 304 to a current copy", async () => {
    const plain = widgetScriptResponse(bundle, new Request("http://x/widget.js"));
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(await plain.text()).toBe(bundle.code);
    const fresh = widgetScriptResponse(bundle, new Request("http://x/widget.js", { headers: { "if-none-match": 'W/"old", "abc"' } }));
    expect(fresh.status).toBe(304);
    expect(await fresh.text()).toBe("");
    expect(widgetScriptResponse(bundle, new Request("http://x/widget.js", { headers: { "if-none-match": '"old"' } })).status).toBe(200);
  });

  it("builds once, and again after a failed build", async () => {
    const build = vi.fn().mockRejectedValueOnce(new Error("esbuild crashed")).mockResolvedValue(bundle);
    const assets = createWidgetAssets({ build });
    await expect(assets.script()).rejects.toThrow("esbuild crashed");
    const [a, b] = await Promise.all([assets.script(), assets.script()]);
    expect(a).toBe(b);
    expect(build).toHaveBeenCalledTimes(2);
  });
});

describe("the demo page", () => {
  const page = demoPage({
    account: { email: "admin@acme.example", password: 'pw</script><script>alert(1)</script>' },
    workspace: 'ws_default"><script>alert(2)</script>',
    nonce: "n0nce",
  });

  it("carries the widget and signs in like an app, with no credential in the markup", () => {
    expect(page.html).toContain('<script src="/widget.js"></script>');
    expect(page.html).toMatch(/<flashfusion-chat heading="Acme Assistant" workspace="[^"]*"><\/flashfusion-chat>/);
    expect(page.html).toContain('fetch(path, { method: "POST"');
    expect(page.html).toContain('"/api/v1/auth/login"');
    expect(page.html).not.toMatch(/ffai_[A-Za-z0-9]{4}|ffwt_[A-Za-z0-9]{4}|eyJ[A-Za-z0-9_-]{10}/);
  });

  it("escapes what it embeds and runs only its own code", () => {
    expect(page.html).not.toContain("<script>alert(");
    expect(page.html).toContain('workspace="ws_default&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;"');
    const account = page.html.match(/<script type="application\/json" id="demo-account">(.*?)<\/script>/)?.[1];
    expect(JSON.parse(account!)).toEqual({ email: "admin@acme.example", password: "pw</script><script>alert(1)</script>" });
    const inline = page.html.match(/<script(?![^>]*\b(src|type)=)[^>]*>/g) ?? [];
    expect(inline).toEqual(['<script nonce="n0nce">']);
    expect(page.csp).toContain("script-src 'self' 'nonce-n0nce'");
    expect(page.csp).toContain("connect-src 'self'");
    expect(page.csp).not.toContain("unsafe-inline");
  });
});
