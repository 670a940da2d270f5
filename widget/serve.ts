// What the API server needs to serve the widget: the script (built once per process, on first
// request, from the sources — no build step between `npm ci` and `npm start`) and the demo page.
import { buildWidget, type WidgetBundle } from "./build.js";

export { demoPage, type DemoPageOptions, type DemoPage } from "./demo-page.js";
export type { WidgetBundle } from "./build.js";

export interface WidgetAssets {
  /** The bundle, built on the first call (~0.1 s) and kept; a failed build is retried next call. */
  script(): Promise<WidgetBundle>;
}

export function createWidgetAssets(options: { build?: () => Promise<WidgetBundle> } = {}): WidgetAssets {
  const make = options.build ?? (() => buildWidget());
  let pending: Promise<WidgetBundle> | null = null;
  return {
    script() {
      pending ??= make().catch((e: unknown) => {
        pending = null;
        throw e;
      });
      return pending;
    },
  };
}

/**
 * The `GET /widget.js` answer: gzipped when the client accepts it, `304` when its copy is
 * current. Host pages on any origin load it with a plain `<script src>`, so it is marked
 * cross-origin (CORP) and cached briefly: a server upgrade reaches pages within minutes.
 */
export function widgetScriptResponse(bundle: WidgetBundle, request: Request): Response {
  const headers = new Headers({
    "content-type": "text/javascript; charset=utf-8",
    etag: bundle.etag,
    "cache-control": "public, max-age=300",
    vary: "accept-encoding",
    "cross-origin-resource-policy": "cross-origin",
    "x-content-type-options": "nosniff",
  });
  const cached = request.headers.get("if-none-match");
  if (cached && cached.split(",").some((tag) => tag.trim().replace(/^W\//, "") === bundle.etag)) {
    return new Response(null, { status: 304, headers });
  }
  const gzip = /\bgzip\b/i.test(request.headers.get("accept-encoding") ?? "");
  if (gzip) headers.set("content-encoding", "gzip");
  headers.set("content-length", String(gzip ? bundle.gzipBytes : bundle.bytes));
  const body = request.method === "HEAD" ? null : gzip ? new Uint8Array(bundle.gzip) : bundle.code;
  return new Response(body, { status: 200, headers });
}
