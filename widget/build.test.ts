import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { buildWidget, formatSize, GZIP_BUDGET_BYTES } from "./build.js";

describe("widget.js build", () => {
  it("is one minified browser script within the 60 KB gzipped budget", async () => {
    const bundle = await buildWidget();
    console.log(formatSize(bundle));
    expect(bundle.gzipBytes).toBeLessThanOrEqual(GZIP_BUDGET_BYTES);
    expect(gunzipSync(bundle.gzip).toString("utf8")).toBe(bundle.code);
    expect(bundle.bytes).toBe(Buffer.byteLength(bundle.code));
    // An IIFE that defines the element and pulls in nothing at run time.
    expect(bundle.code.slice(0, 40)).toMatch(/^("use strict";)?\(\(\)=>\{/);
    expect(bundle.code).toContain('"flashfusion-chat"');
    expect(bundle.code).not.toMatch(/\brequire\(|\bimport\(|process\.env|from"node:/);
    // Licences of the bundled libraries stay with their code.
    expect(bundle.code).toContain("@license DOMPurify");
    expect(bundle.etag).toMatch(/^"[\w-]{32}"$/);
    expect(bundle.integrity).toMatch(/^sha384-[A-Za-z0-9+/]{64}$/);
  });

  it("is the same bytes from the same sources", async () => {
    const [a, b] = await Promise.all([buildWidget(), buildWidget()]);
    expect(a.etag).toBe(b.etag);
  });
});
