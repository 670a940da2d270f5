import type { Context } from "hono";
import { sql } from "kysely";
import { z } from "zod";
import { encodeField, entityDef, type EntityName } from "../../entities/index.js";
import { columnOf } from "../../entities/fields.js";
import type { Store } from "../../entities/store.js";
import { storeFor } from "../../tools/door.js";
import { auditKeyUse, type ServerContext } from "../context.js";
import { HttpError } from "../http/errors.js";
import type { Routes } from "../openapi/route.js";
import type { AppEnv, Principal } from "../types.js";
import { PageQuery, pageOf, paged } from "./pagination.js";

/** One entity as a read-only collection: `GET /api/v1/<path>` and `GET /api/v1/<path>/{id}`. */
interface Resource {
  path: string;
  entity: EntityName;
  /** Fields never answered (a password hash). */
  omit?: readonly string[];
  /** Fields left out of lists, kept in the single read (a run's whole log). */
  listOmit?: readonly string[];
  /** Who besides admins reads it: members (default), or only admins. */
  staff?: "members" | "admins";
  /** The field naming a customer's own rows; without it customers read none. */
  customerOwner?: string;
}

const RESOURCES: readonly Resource[] = [
  { path: "users", entity: "User", omit: ["password_hash"] },
  { path: "orders", entity: "Order", customerOwner: "user_id" },
  { path: "payments", entity: "Payment" },
  { path: "tasks", entity: "Task" },
  { path: "workflows", entity: "WorkflowExecution" },
  { path: "events", entity: "Event" },
  { path: "sessions", entity: "Session" },
  { path: "insights", entity: "InsightReport" },
  { path: "snapshots", entity: "AnalyticsSnapshot" },
  { path: "pipelines", entity: "PipelineConfig" },
  { path: "runs", entity: "PipelineRun", listOmit: ["logs"] },
  { path: "environments", entity: "Environment" },
  { path: "optimizations", entity: "PipelineOptimization" },
  { path: "quality-checks", entity: "QualityCheck" },
  { path: "webhooks", entity: "Webhook" },
  { path: "webhook-deliveries", entity: "WebhookDelivery" },
  { path: "secrets", entity: "Secret" },
  { path: "security-scans", entity: "SecurityScan" },
  { path: "compliance-reports", entity: "ComplianceReport" },
  { path: "projects", entity: "Project", customerOwner: "owner_id" },
  { path: "notes", entity: "Note", customerOwner: "owner_id" },
  { path: "contacts", entity: "Contact", customerOwner: "owner_id" },
  { path: "drafts", entity: "Draft", customerOwner: "owner_id" },
  { path: "audit-logs", entity: "AuditLog", staff: "admins" },
];

const SORTABLE = new Set(["text", "int", "real", "money", "time"]);

/** Query filters from the entity's own fields: equality on each plain field, a created_at range, sorting. */
function queryOf(r: Resource) {
  const def = entityDef(r.entity);
  const shape: Record<string, z.ZodType> = { ...PageQuery.shape };
  const sortable = ["created_at", "updated_at"];
  for (const [name, fld] of Object.entries(def.fields)) {
    if (r.omit?.includes(name)) continue;
    if (SORTABLE.has(fld.kind)) sortable.push(name);
    if (fld.kind === "text") shape[name] = (fld.schema as z.ZodType).optional().describe(`only rows whose ${name} is this`);
    else if (fld.kind === "int" || fld.kind === "real" || fld.kind === "money") shape[name] = z.coerce.number().optional().describe(`only rows whose ${name} is this`);
    else if (fld.kind === "bool") shape[name] = z.enum(["true", "false"]).transform((v) => v === "true").optional().describe(`only rows whose ${name} is this`);
  }
  shape.created_from = z.iso.datetime({ offset: true }).optional().describe("created at or after (ISO 8601)");
  shape.created_to = z.iso.datetime({ offset: true }).optional().describe("created before (ISO 8601)");
  shape.sort = z.enum(sortable as [string, ...string[]]).default("created_at");
  shape.order = z.enum(["asc", "desc"]).default("desc");
  return z.object(shape);
}

function schemaOf(r: Resource, list: boolean): z.ZodType {
  const schema = entityDef(r.entity).schema as unknown as z.ZodObject;
  const omit = [...(r.omit ?? []), ...(list ? (r.listOmit ?? []) : [])];
  return omit.length ? schema.omit(Object.fromEntries(omit.map((k) => [k, true])) as never) : schema;
}

const strip = (row: object, fields: readonly string[]) => {
  const out: Record<string, unknown> = { ...row };
  for (const f of fields) delete out[f];
  return out;
};

const words = (path: string) => path.replace(/-/g, " ");
const opName = (path: string) => path.replace(/-(\w)/g, (_, c: string) => c.toUpperCase()).replace(/^\w/, (c) => c.toUpperCase());

/**
 * The main entities, read-only, for UIs and product teams: lists with seed 002's pagination
 * (`page`, `size`, `total`, `pages`), filters on the entity's own fields and sorting, and single
 * reads. Always within the caller's workspace; admins read everything, members all but the audit
 * log, customers only their own projects, notes, contacts, drafts and orders. API keys need the
 * `tools` permission and read as their creator; a key limited to some pipelines reads nothing here.
 */
export function registerEntityRoutes(routes: Routes, ctx: ServerContext): void {
  /** The store and the condition a principal reads a resource under, or a 403. */
  function access(c: Context<AppEnv>, r: Resource): { store: Store; owner?: { column: string; value: string } } {
    const p: Principal = c.get("principal");
    if (p.apiKey?.pipeline_ids.length) throw new HttpError("FORBIDDEN", "This API key is limited to some pipelines; it reads through the pipeline endpoints, not the entity lists");
    const store = storeFor(ctx.core, p.workspaceId);
    const role = p.actor.role;
    if (role === "admin") return { store };
    if (role === "member" && r.staff !== "admins") return { store };
    if (role === "customer" && r.customerOwner) return { store, owner: { column: r.customerOwner, value: p.actor.id } };
    throw new HttpError("FORBIDDEN", `${words(r.path)} are not readable by a ${role}`);
  }

  for (const r of RESOURCES) {
    const def = entityDef(r.entity);
    const query = queryOf(r);
    const listOmit = [...(r.omit ?? []), ...(r.listOmit ?? [])];
    routes.add(
      {
        method: "get",
        path: `/api/v1/${r.path}`,
        operationId: `list${opName(r.path)}`,
        summary: `List ${words(r.path)}`,
        tag: "Entities",
        auth: ["user", "api_key"],
        permission: "tools",
        query,
        responses: { 200: { description: `A page of ${def.name} rows`, schema: paged(schemaOf(r, true)) } },
        errors: [400, 403],
      },
      async (c, { query: raw }) => {
        const q = raw as Record<string, unknown> & { page: number; size: number; sort: string; order: "asc" | "desc"; created_from?: string; created_to?: string };
        const { store, owner } = access(c, r);
        await store.caughtUp(r.entity);
        let base = store.select(r.entity);
        if (owner) base = base.where(owner.column, "=", owner.value);
        for (const [name, fld] of Object.entries(def.fields)) {
          if (q[name] !== undefined) base = base.where(columnOf(name, fld), "=", encodeField(fld, q[name]));
        }
        if (q.created_from) base = base.where("created_at", ">=", new Date(q.created_from).toISOString());
        if (q.created_to) base = base.where("created_at", "<", new Date(q.created_to).toISOString());
        const total = Number((await base.clearSelect().select(sql<number>`count(*)`.as("n")).executeTakeFirst())?.n ?? 0);
        const sortField = def.fields[q.sort];
        const rows = await base
          .orderBy(sortField ? columnOf(q.sort, sortField) : q.sort, q.order)
          .orderBy("id", q.order)
          .limit(q.size)
          .offset((q.page - 1) * q.size)
          .execute();
        const items = store.decode(r.entity, rows).map((row) => strip(row, listOmit));
        await auditKeyUse(ctx, c, `list_${r.path}`, { count: items.length });
        return c.json(pageOf(items, total, q));
      },
    );
    routes.add(
      {
        method: "get",
        path: `/api/v1/${r.path}/{id}`,
        operationId: `get${opName(r.path)}`,
        summary: `One of the ${words(r.path)}`,
        tag: "Entities",
        auth: ["user", "api_key"],
        permission: "tools",
        params: z.object({ id: z.string().min(1).max(200) }),
        responses: { 200: { description: `The ${def.name}`, schema: schemaOf(r, false) } },
        errors: [403, 404],
      },
      async (c, { params }) => {
        const { store, owner } = access(c, r);
        const row = await store.get(r.entity, params.id);
        if (!row || (owner && (row as unknown as Record<string, unknown>)[owner.column] !== owner.value)) throw new HttpError("NOT_FOUND", `No ${def.name} ${params.id} in this workspace`);
        await auditKeyUse(ctx, c, `get_${r.path}`, { id: params.id });
        return c.json(strip(row, r.omit ?? []));
      },
    );
  }
}
