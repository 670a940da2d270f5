import http from "node:http";
import https from "node:https";
import type { LookupAddress } from "node:dns";
import type { Address, ResolvedEndpoint } from "./endpoint-guard.js";

export const USER_AGENT = "FlashFusion-Webhooks/1.0";

export interface Agents {
  http: http.Agent;
  https: https.Agent;
}

export interface PostResult {
  status: number;
  retryAfter?: string;
  /** From sending the request to the end of the response. */
  latencyMs: number;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A lookup that answers only the addresses already checked, so DNS cannot move the request elsewhere. */
function pinnedLookup(addresses: readonly [Address, ...Address[]]) {
  return (_host: string, options: { all?: boolean }, callback: LookupCallback) => {
    if (options.all) callback(null, [...addresses]);
    else callback(null, addresses[0].address, addresses[0].family);
  };
}

/**
 * POSTs the exact body bytes to the endpoint. Redirects are not followed (a 3xx is an answer
 * like any other); the response body is read and dropped. `signal` ends the request.
 */
export function postBody(
  endpoint: ResolvedEndpoint,
  body: Buffer,
  headers: Record<string, string>,
  options: { agents: Agents; signal: AbortSignal },
): Promise<PostResult> {
  const secure = endpoint.url.protocol === "https:";
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = (secure ? https : http).request(
      endpoint.url,
      {
        method: "POST",
        agent: secure ? options.agents.https : options.agents.http,
        headers: { "content-type": "application/json", "content-length": String(body.length), "user-agent": USER_AGENT, ...headers },
        lookup: pinnedLookup(endpoint.addresses) as never,
        signal: options.signal,
      },
      (res) => {
        const retryAfter = res.headers["retry-after"];
        res.on("error", reject);
        res.on("end", () => resolve({ status: res.statusCode ?? 0, retryAfter, latencyMs: performance.now() - started }));
        res.resume();
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}
