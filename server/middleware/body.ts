import type { MiddlewareHandler } from "hono";
import { HttpError } from "../http/errors.js";
import type { AppEnv } from "../types.js";

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
// `curl -d` sends this type by default; the seed's own examples rely on it, so JSON sent so is read.
const CURL_DEFAULT = /^application\/x-www-form-urlencoded\s*(?:;|$)/i;

/**
 * Reads the request body once, as text, into `c.var.rawBody` (the app's body limit applies).
 * A body must be JSON: declared as such, or sent by `curl -d` without a type.
 */
export function readBody(): MiddlewareHandler<AppEnv> {
  return async function readBody(c, next) {
    const type = c.req.header("content-type");
    const text = await c.req.text();
    if (text.length > 0 && type && !JSON_TYPE.test(type) && !CURL_DEFAULT.test(type)) {
      throw new HttpError("UNSUPPORTED_MEDIA_TYPE", `Bodies are JSON: send Content-Type: application/json (not ${type.split(";")[0]})`);
    }
    c.set("rawBody", text);
    await next();
  };
}

/** The body as JSON: malformed JSON is a 400 that says where. An empty body is `undefined`. */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch (e) {
    const why = e instanceof Error ? e.message.replace(/^JSON\.parse: /, "") : "not JSON";
    throw new HttpError("VALIDATION", `The body is not valid JSON (${why}); send one JSON object`, { error: "Malformed JSON" });
  }
}
