import type { ScanInputs } from "../scans/inputs.js";
import { makeFinding, type ScanFinding } from "./finding.js";

/** A webhook's URL for a report: without user-info, query or fragment, which may carry credentials. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname === "/" ? "" : u.pathname}`;
  } catch {
    return "(unreadable URL)";
  }
}

function isLoopback(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === "localhost" || host === "[::1]" || host.startsWith("127.");
  } catch {
    return false;
  }
}

export function checkWebhooks(inputs: ScanInputs): ScanFinding[] {
  const findings: ScanFinding[] = [];
  for (const hook of inputs.webhooks.filter((w) => w.active)) {
    // Located by id alone: the same webhook stays the same finding when its URL changes.
    const where = `webhook ${hook.id}`;
    const url = safeUrl(hook.url);
    if (/^http:\/\//i.test(hook.url) && !isLoopback(hook.url)) {
      findings.push(
        makeFinding({
          rule: "webhook_plain_http",
          where,
          description: `Webhook ${hook.id} posts pipeline events to ${url} over plain http, so anyone on the path can read or alter them.`,
        }),
      );
    }
    if (!hook.has_secret) {
      findings.push(
        makeFinding({
          rule: "webhook_unsigned",
          where,
          description: `Webhook ${hook.id} (${url}) has no signing secret, so its receiver cannot tell real deliveries from forged ones.`,
        }),
      );
    }
  }
  return findings;
}
