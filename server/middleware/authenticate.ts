import type { MiddlewareHandler } from "hono";
import type { Authenticator } from "../auth/credentials.js";
import { HttpError } from "../http/errors.js";
import type { AppEnv, CredentialKind, Permission } from "../types.js";

const KIND_WORDS: Record<CredentialKind, string> = {
  user: "a user's access token (POST /api/v1/auth/login)",
  api_key: "an API key (ffai_…)",
  widget: "a widget token (ffwt_…)",
};

export interface AuthenticateOptions {
  authenticator: Authenticator;
  /** The credentials this endpoint takes. */
  accept: readonly CredentialKind[];
  /** The permission an API key needs here. */
  permission?: Permission;
}

/** Resolves the request's credential to `c.var.principal`, and holds it to what the endpoint accepts. */
export function authenticate(options: AuthenticateOptions): MiddlewareHandler<AppEnv> {
  const wanted = options.accept.map((k) => KIND_WORDS[k]).join(" or ");
  return async function authenticate(c, next) {
    const principal = await options.authenticator.authenticate(c.req.raw.headers);
    if (!options.accept.includes(principal.kind)) {
      throw new HttpError("FORBIDDEN", `This endpoint takes ${wanted}, not ${KIND_WORDS[principal.kind]}`, { error: "Wrong kind of credential" });
    }
    const needed = options.permission;
    if (needed && principal.apiKey && !principal.apiKey.permissions.includes(needed)) {
      throw new HttpError("FORBIDDEN", `This API key lacks the ${needed} permission this endpoint needs; it has ${principal.apiKey.permissions.join(", ") || "none"}`, {
        error: "Insufficient permissions",
        allowed: [needed],
      });
    }
    if (principal.kind === "widget") {
      // A widget token is good only in a browser page on one of the origins it was made for.
      const origin = c.req.header("origin");
      if (!origin) throw new HttpError("FORBIDDEN", "A widget token works only from a browser page on one of its allowed origins", { error: "Origin required" });
      if (!principal.widget!.allowedOrigins.includes(origin)) throw new HttpError("FORBIDDEN", `This widget token is not valid on ${origin}`, { error: "Origin not allowed" });
    }
    c.set("principal", principal);
    await next();
  };
}
