import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../types.js";

export interface SecurityHeadersOptions {
  /** The Content-Security-Policy of answers that set none themselves (JSON: nothing may load). */
  contentSecurityPolicy?: string;
}

/**
 * Headers every answer carries: no sniffing, no framing, no referrer, no caching of credentials'
 * answers, HSTS for when a TLS proxy fronts the server. CORS stays closed: no Access-Control-*
 * header is sent except by the chat endpoints' own rule.
 */
export function securityHeaders(options: SecurityHeadersOptions = {}): MiddlewareHandler<AppEnv> {
  const csp = options.contentSecurityPolicy ?? "default-src 'none'; frame-ancestors 'none'";
  return async function securityHeaders(c, next) {
    await next();
    const h = c.res.headers;
    h.set("x-content-type-options", "nosniff");
    h.set("x-frame-options", "DENY");
    h.set("referrer-policy", "no-referrer");
    // Same-origin unless the answer says otherwise: /widget.js is loaded by pages on any origin.
    if (!h.has("cross-origin-resource-policy")) h.set("cross-origin-resource-policy", "same-origin");
    h.set("strict-transport-security", "max-age=31536000; includeSubDomains");
    if (!h.has("content-security-policy")) h.set("content-security-policy", csp);
    if (!h.has("cache-control")) h.set("cache-control", "no-store");
  };
}
