import { ResourceTemplate, type McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { storeFor } from "../../tools/door.js";
import type { McpContext } from "../context.js";
import type { ResourceSpec } from "./define.js";
import { insightResource } from "./insights.js";
import { orderResource } from "./orders.js";
import { pipelineResource } from "./pipelines.js";
import { readResource } from "./read.js";
import { runResource } from "./runs.js";
import { scanResource } from "./scans.js";
import { workflowResource } from "./workflows.js";

export const RESOURCES: readonly ResourceSpec[] = [pipelineResource, runResource, insightResource, workflowResource, orderResource, scanResource];

const LIST_LIMIT = 25;
const COMPLETE_LIMIT = 20;

export const uriOf = (spec: ResourceSpec, value: string) => spec.uriTemplate.replace(`{${spec.variable}}`, encodeURIComponent(value));

/** Each resource whose read tool this server exposes to this caller, with listing and completion. */
export function registerResources(server: McpServer, ctx: McpContext): void {
  const exposed = new Set(ctx.tools.map((t) => t.name));
  const store = storeFor(ctx.runtime.core, ctx.principal.workspaceId);
  const scope = { pipelineIds: ctx.principal.apiKey?.pipeline_ids ?? [] };
  for (const spec of RESOURCES) {
    if (!exposed.has(spec.tool)) continue;
    const template = new ResourceTemplate(spec.uriTemplate, {
      list: async () => ({
        resources: (await spec.values(store, "", scope, LIST_LIMIT)).map((v) => ({ uri: uriOf(spec, v.value), name: v.label, mimeType: "application/json" })),
      }),
      complete: { [spec.variable]: async (value) => (await spec.values(store, value, scope, COMPLETE_LIMIT)).map((v) => v.value) },
    });
    server.registerResource(spec.name, template, { title: spec.title, description: spec.description, mimeType: "application/json" }, (uri, variables, extra) => {
      const raw = variables[spec.variable];
      return readResource(spec, ctx, uri, Array.isArray(raw) ? raw.join(",") : (raw ?? ""), extra.signal);
    });
  }
}
