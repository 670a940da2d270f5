import { BlockList, isIP } from "node:net";
import { lookup as dnsLookup } from "node:dns/promises";

/** The environment setting naming hosts that may be reached over http:// or at private addresses. */
export const ALLOWLIST_SETTING = "FLASHFUSION_WEBHOOK_ALLOWLIST";

/**
 * Hosts an operator lets webhooks reach over plain http:// or at private and loopback addresses
 * (a receiver on the same machine, a test server): exact hosts, or `*.example.internal` for a
 * domain's subdomains.
 */
export class HostAllowlist {
  private readonly exact = new Set<string>();
  private readonly suffixes: string[] = [];

  constructor(hosts: readonly string[] = []) {
    for (const raw of hosts) {
      const host = bareHost(raw.trim().toLowerCase());
      if (!host) continue;
      if (host.startsWith("*.")) this.suffixes.push(host.slice(1));
      else this.exact.add(host);
    }
  }

  static fromEnv(env: Record<string, string | undefined> = process.env): HostAllowlist {
    return new HostAllowlist((env[ALLOWLIST_SETTING] ?? "").split(","));
  }

  permits(hostname: string): boolean {
    const host = bareHost(hostname.toLowerCase());
    return this.exact.has(host) || this.suffixes.some((s) => host.endsWith(s));
  }
}

/** `[::1]` → `::1`; URL.hostname keeps the brackets of an IPv6 literal. */
function bareHost(host: string): string {
  return host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
}

// Special-purpose ranges (RFC 6890 and successors): nothing a public webhook receiver lives at.
const BLOCKED_V4: readonly [string, number][] = [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12],
  ["192.0.0.0", 24], ["192.0.2.0", 24], ["192.88.99.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15],
  ["198.51.100.0", 24], ["203.0.113.0", 24], ["224.0.0.0", 4], ["240.0.0.0", 4],
];
// IPv6 forms that embed or translate to an IPv4 address (mapped, NAT64, 6to4, Teredo) are refused
// whole: a public receiver is reached at its own IPv4 address instead.
const BLOCKED_V6: readonly [string, number][] = [
  ["::", 96], ["::ffff:0:0", 96], ["64:ff9b::", 96], ["64:ff9b:1::", 48], ["100::", 64], ["2001::", 32],
  ["2001:db8::", 32], ["2002::", 16], ["fc00::", 7], ["fe80::", 10], ["fec0::", 10], ["ff00::", 8],
];

// Two lists: a BlockList checks IPv4 addresses against its IPv6 rules as IPv4-mapped addresses,
// so ::ffff:0:0/96 in a shared list would refuse every IPv4 address.
const blockedV4 = new BlockList();
for (const [net, prefix] of BLOCKED_V4) blockedV4.addSubnet(net, prefix, "ipv4");
const blockedV6 = new BlockList();
for (const [net, prefix] of BLOCKED_V6) blockedV6.addSubnet(net, prefix, "ipv6");

/** Whether an IP address is a public unicast address (not private, loopback, link-local…). */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return !blockedV4.check(address, "ipv4");
  if (family === 6) return !blockedV6.check(address, "ipv6");
  return false;
}

/** A refusal by policy: retrying does not help, so the delivery fails at once. */
export class EndpointRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EndpointRefused";
  }
}

const allowHint = `add the host to ${ALLOWLIST_SETTING} to allow it`;

/**
 * What is wrong with an endpoint URL before any DNS lookup, or undefined when nothing is:
 * https only (http:// for allowlisted hosts), no credentials in the URL, no private or loopback
 * address literal or localhost name unless the host is allowlisted.
 */
export function endpointProblem(url: URL, allowlist: HostAllowlist): string | undefined {
  if (url.protocol !== "https:" && url.protocol !== "http:") return `${url.protocol}// URLs cannot receive webhooks; use an https:// URL`;
  if (url.username || url.password) return "the URL carries credentials; remove them (each delivery is signed instead)";
  const host = bareHost(url.hostname);
  if (allowlist.permits(host)) return undefined;
  if (url.protocol === "http:") return `plain http:// is refused for ${host}; use https:// (or ${allowHint})`;
  if (isIP(host) && !isPublicAddress(host)) return `${host} is a private or loopback address; ${allowHint}`;
  if (host === "localhost" || host.endsWith(".localhost")) return `${host} is a loopback name; ${allowHint}`;
  return undefined;
}

export type Lookup = (hostname: string, options: { all: true }) => Promise<{ address: string; family: number }[]>;

export interface Address {
  address: string;
  family: 4 | 6;
}

export interface ResolvedEndpoint {
  url: URL;
  /** The addresses to connect to, fixed here so DNS cannot change between the check and the connection. */
  addresses: [Address, ...Address[]];
}

/**
 * Resolves an endpoint for one delivery: the static rules, then — unless the host is
 * allowlisted — every address it resolves to must be public. Refusals throw EndpointRefused;
 * DNS failures throw ordinary errors (retried).
 */
export async function resolveEndpoint(url: URL, allowlist: HostAllowlist, lookup: Lookup = dnsLookup as Lookup): Promise<ResolvedEndpoint> {
  const problem = endpointProblem(url, allowlist);
  if (problem) throw new EndpointRefused(problem);
  const host = bareHost(url.hostname);
  const literal = isIP(host);
  const found = literal ? [{ address: host, family: literal }] : await lookup(host, { all: true });
  const addresses = found.map((a): Address => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
  const [first, ...rest] = addresses;
  if (!first) throw new Error(`${host} has no address`);
  if (!allowlist.permits(host)) {
    const internal = addresses.find((a) => !isPublicAddress(a.address));
    if (internal) throw new EndpointRefused(`${host} resolves to ${internal.address}, a private or loopback address; ${allowHint}`);
  }
  return { url, addresses: [first, ...rest] };
}
