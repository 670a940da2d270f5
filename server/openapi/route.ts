import type { Context, Hono, MiddlewareHandler } from "hono";
import type { z } from "zod";
import type { ErrorStatus } from "../http/errors.js";
import type { AppEnv, CredentialKind, Permission } from "../types.js";

export type Method = "get" | "post" | "put" | "patch" | "delete";

export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  /** Default application/json. */
  contentType?: string;
}

/**
 * One endpoint, declared once: the zod schemas here validate the request and generate the
 * OpenAPI document, so the two cannot drift apart.
 */
export interface RouteSpec<Q extends z.ZodType = z.ZodType, P extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType> {
  method: Method;
  /** OpenAPI style: `/api/v1/threads/{id}`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  /** Which credentials may call it; null for a public endpoint. */
  auth: readonly CredentialKind[] | null;
  /** What an API key needs for this endpoint (the tool door checks its own on top). */
  permission?: Permission;
  /** Whether an `Idempotency-Key` is honoured (default: every authenticated POST). */
  idempotent?: boolean;
  /** Whether it takes a request per credential from the rate limit (default: authenticated endpoints). */
  rateLimited?: boolean;
  /** The chat endpoints answer CORS for widget tokens' origins. */
  cors?: "widget";
  query?: Q;
  params?: P;
  body?: B;
  /**
   * The handler reads the body itself (its answers have their own error shape, like seed 004
   * §1.3): `body` then only documents it, and the handler gets the raw text.
   */
  ownBody?: boolean;
  responses: Record<number, ResponseSpec>;
  /** Error statuses this endpoint answers besides the ones every endpoint may (401, 429, 500…). */
  errors?: readonly ErrorStatus[];
}

export interface RouteInput<Q, P, B> {
  query: Q;
  params: P;
  body: B;
}

type Out<T> = T extends z.ZodType ? z.output<T> : undefined;

export type RouteHandler<S extends RouteSpec> = (
  c: Context<AppEnv>,
  input: RouteInput<Out<S["query"]>, Out<S["params"]>, Out<S["body"]>>,
) => Promise<Response> | Response;

export interface RouteMiddleware {
  /** The middleware a route runs before its handler, built from its spec. */
  (spec: RouteSpec): MiddlewareHandler<AppEnv>[];
}

/** The routes of the app, kept for the OpenAPI document. */
export interface Routes {
  add<S extends RouteSpec>(spec: S, handler: RouteHandler<S>): void;
  readonly specs: readonly RouteSpec[];
}

export const honoPath = (path: string) => path.replace(/\{(\w+)\}/g, ":$1");

/**
 * Registers each route on the app behind the middleware its spec asks for (credentials, rate
 * limit, body, idempotency, validation); the validated input reaches the handler.
 */
export function createRoutes(app: Hono<AppEnv>, middleware: RouteMiddleware): Routes {
  const specs: RouteSpec[] = [];
  return {
    specs,
    add(spec, handler) {
      specs.push(spec);
      const handlers: MiddlewareHandler<AppEnv>[] = [...middleware(spec), async (c) => handler(c, c.get("input") as never)];
      app.on(spec.method.toUpperCase(), [honoPath(spec.path)], ...(handlers as [MiddlewareHandler<AppEnv>]));
    },
  };
}
