import { evidenceAround, type Rule } from "./types.js";

/** Well-known ports, to name the service a step could not reach. */
const SERVICES: Record<string, string> = {
  "5432": "PostgreSQL",
  "3306": "MySQL",
  "6379": "Redis",
  "27017": "MongoDB",
  "9200": "Elasticsearch",
  "5672": "RabbitMQ",
  "9092": "Kafka",
  "11211": "Memcached",
};

const NETWORK = /\b(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH)\b/;

/** A connection that failed: a service that is not running, or a host that cannot be reached. */
export const network: Rule = (input) => {
  const i = input.lines.findIndex((l) => NETWORK.test(l));
  if (i < 0) return undefined;
  const line = input.lines[i]!;
  const code = NETWORK.exec(line)![1]!;
  const target = /(?:connect|getaddrinfo|request to)\s+\S*?\s*(\[?[\w.:-]+\]?:\d+|[\w-]+(?:\.[\w-]+)+)/.exec(line)?.[1] ?? /(\d{1,3}(?:\.\d{1,3}){3}:\d+|localhost:\d+)/.exec(line)?.[1];
  const port = target ? /:(\d+)$/.exec(target)?.[1] : undefined;
  const service = port ? SERVICES[port] : undefined;
  const registry = /registry\.(?:npmjs\.org|yarnpkg\.com)|pypi\.org/.test(line);
  const what = service ? `${service} at ${target}` : target ?? "a network service";
  return {
    category: "network",
    summary: `Step ${input.step ?? "?"} could not connect to ${what} (${code}).`,
    locations: [],
    evidence: evidenceAround(input.lines, i, 1),
    fix: registry
      ? "The runner could not reach the package registry: check its network and proxy settings, or retry if the registry was down."
      : code === "ECONNREFUSED"
        ? `Nothing was listening at ${target ?? "that address"}: start ${service ?? "the service"} before step ${input.step ?? "this one"} (or in the tests' setup), or point the step at a reachable host through the environment's variables.`
        : `Check that ${target ?? "the host"} is reachable from the runner (DNS, firewall, proxy), or mock the call in tests.`,
  };
};
