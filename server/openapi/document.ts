import { z } from "zod";
import { ErrorBody, type ErrorStatus } from "../http/errors.js";
import type { RouteSpec } from "./route.js";

type Json = Record<string, unknown>;

function schemaOf(schema: z.ZodType, io: "input" | "output"): Json {
  const json = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Json;
  delete json.$schema;
  return json;
}

const ERROR_TEXT: Record<number, string> = {
  400: "The request is malformed or invalid (the message names the field)",
  401: "No valid credential",
  403: "The credential may not do this (role, permission or pipeline scope)",
  404: "Not found in this workspace",
  405: "Method not allowed",
  409: "The current state does not allow it, or the same Idempotency-Key is still running",
  413: "The body is too large",
  415: "The body is not JSON",
  422: "The Idempotency-Key was used for a different request",
  429: "Rate limited: wait Retry-After seconds",
  500: "Unexpected failure; nothing further was changed",
  502: "A service outside FlashFusion failed",
};

const RATE_HEADERS: Json = {
  RateLimit: { description: 'IETF draft: "default";r=<remaining>;t=<seconds until full>', schema: { type: "string" } },
  "RateLimit-Policy": { description: 'IETF draft: "default";q=<quota>;w=<window seconds>', schema: { type: "string" } },
  "X-RateLimit-Limit": { schema: { type: "integer" } },
  "X-RateLimit-Remaining": { schema: { type: "integer" } },
  "X-RateLimit-Reset": { description: "epoch seconds when the bucket is full again", schema: { type: "integer" } },
};

function parameters(spec: RouteSpec): Json[] {
  const out: Json[] = [];
  for (const [where, schema] of [["path", spec.params], ["query", spec.query]] as const) {
    if (!schema) continue;
    const json = schemaOf(schema, "input") as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, prop] of Object.entries(json.properties ?? {})) {
      out.push({ name, in: where, required: where === "path" || (json.required ?? []).includes(name), ...(prop.description ? { description: prop.description } : {}), schema: prop });
    }
  }
  if (isIdempotent(spec)) {
    out.push({ name: "Idempotency-Key", in: "header", required: false, description: "Replays the first answer for 24 h; another body under the key is 422; 409 while the first runs", schema: { type: "string", maxLength: 255 } });
  }
  return out;
}

export const isIdempotent = (spec: RouteSpec) => spec.idempotent ?? (spec.method === "post" && spec.auth !== null);

const COMMON_ERRORS: readonly ErrorStatus[] = [500];
const AUTH_ERRORS: readonly ErrorStatus[] = [401, 429];

function operation(spec: RouteSpec): Json {
  const responses: Json = {};
  const limited = spec.auth !== null && spec.rateLimited !== false;
  for (const [status, r] of Object.entries(spec.responses)) {
    responses[status] = {
      description: r.description,
      ...(limited ? { headers: RATE_HEADERS } : {}),
      ...(r.schema ? { content: { [r.contentType ?? "application/json"]: { schema: schemaOf(r.schema, "output") } } } : {}),
    };
  }
  const errors = new Set<number>([...(spec.errors ?? []), ...(spec.auth ? AUTH_ERRORS : []), ...(spec.body ? [400, 413, 415] : []), ...(spec.query || spec.params ? [400] : []), ...(isIdempotent(spec) ? [409, 422] : []), ...COMMON_ERRORS]);
  for (const status of [...errors].sort()) {
    if (responses[String(status)]) continue;
    responses[String(status)] = { description: ERROR_TEXT[status] ?? "Error", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
  }
  const kinds = spec.auth ?? [];
  const auth = kinds.length ? `\n\nCredentials: ${kinds.map((k) => ({ user: "a user's access token", api_key: `an API key${spec.permission ? ` with \`${spec.permission}\`` : ""}`, widget: "a widget token" })[k]).join(", ")}.` : "\n\nNo credential needed.";
  return {
    operationId: spec.operationId,
    summary: spec.summary,
    description: `${spec.description ?? ""}${auth}`.trim(),
    tags: [spec.tag],
    security: kinds.length ? [{ bearer: [] }, ...(kinds.includes("api_key") ? [{ apiKey: [] }] : [])] : [],
    parameters: parameters(spec),
    ...(spec.body ? { requestBody: { required: true, content: { "application/json": { schema: schemaOf(spec.body, "input") } } } } : {}),
    responses,
  };
}

/** The OpenAPI 3.1 document of the routes, from the same zod schemas that validate them. */
export function openApiDocument(specs: readonly RouteSpec[], info: { title: string; version: string; description: string }): Json {
  const paths: Record<string, Json> = {};
  for (const spec of specs) (paths[spec.path] ??= {})[spec.method] = operation(spec);
  return {
    openapi: "3.1.0",
    info,
    servers: [{ url: "/" }],
    paths,
    components: {
      schemas: { Error: schemaOf(ErrorBody, "output") },
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "A user's access token (JWT), an API key (ffai_…) or a widget token (ffwt_…)" },
        apiKey: { type: "apiKey", in: "header", name: "X-API-Key", description: "An API key (ffai_…)" },
      },
    },
  };
}
