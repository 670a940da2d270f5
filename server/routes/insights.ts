import { z } from "zod";
import type { ServerContext } from "../context.js";
import { HttpError } from "../http/errors.js";
import type { Routes } from "../openapi/route.js";
import { callDone } from "./tool-call.js";

/** A saved InsightReport's chart as an SVG image (drawn from the report's own data). */
export function registerInsightRoutes(routes: Routes, ctx: ServerContext): void {
  routes.add(
    {
      method: "get",
      path: "/api/v1/insights/{id}/chart.svg",
      operationId: "insightChart",
      summary: "An insight report's chart (SVG)",
      description: "Self-contained SVG: every text escaped, no scripts or links; served with a CSP that runs nothing.",
      tag: "Analytics",
      auth: ["user", "api_key"],
      permission: "tools",
      params: z.object({ id: z.string().regex(/^ins_\w+$/, "must be an insight report id (ins_…)") }),
      responses: { 200: { description: "The chart", contentType: "image/svg+xml", schema: z.string() } },
      errors: [403, 404],
    },
    async (c, { params }) => {
      const { output } = await callDone(ctx, c, "show_insight_report", { id: params.id });
      const svg = (output as { chart_svg: string | null }).chart_svg;
      if (!svg) throw new HttpError("NOT_FOUND", `Insight report ${params.id} has no chart (its data has nothing to draw)`);
      return c.body(svg, 200, {
        "content-type": "image/svg+xml; charset=utf-8",
        "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
        "cache-control": "private, max-age=300",
      });
    },
  );
}
