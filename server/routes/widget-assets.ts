import { randomBytes } from "node:crypto";
import type { Hono } from "hono";
import { createWidgetAssets, demoPage, widgetScriptResponse, type WidgetAssets } from "../../widget/serve.js";
import type { AppEnv, DemoOptions } from "../types.js";

/**
 * `GET /widget.js`, the embeddable chat (built from widget/src on the first request), and, on a
 * demo server (`npm start`), the demo page at `/`: a sample app with the widget on it.
 */
export function registerWidgetAssetRoutes(app: Hono<AppEnv>, options: { demo: DemoOptions | null; assets?: WidgetAssets }): void {
  const assets = options.assets ?? createWidgetAssets();
  app.get("/widget.js", async (c) => widgetScriptResponse(await assets.script(), c.req.raw));
  const demo = options.demo;
  if (!demo) return;
  app.get("/", (c) => {
    const page = demoPage({ account: demo.account, workspace: demo.workspaceId, nonce: randomBytes(18).toString("base64") });
    return c.html(page.html, 200, { "content-security-policy": page.csp, "cache-control": "no-store" });
  });
}
