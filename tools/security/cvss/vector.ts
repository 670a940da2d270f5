import {
  BASE_METRICS,
  CVSS_VERSIONS,
  ENVIRONMENTAL_METRICS,
  isMetric,
  METRIC_NAMES,
  METRIC_ORDER,
  METRIC_VALUES,
  TEMPORAL_METRICS,
  type BaseMetric,
  type CvssVersion,
  type Metric,
} from "./metrics.js";

export interface CvssVector {
  version: CvssVersion;
  /** Every base metric, and the temporal and environmental metrics the vector gave. */
  metrics: Record<BaseMetric, string> & Partial<Record<Metric, string>>;
  hasTemporal: boolean;
  hasEnvironmental: boolean;
  /** `CVSS:3.1/AV:N/…` in the specification's order, without metrics left Not Defined (X). */
  canonical: string;
}

export const EXAMPLE_VECTOR = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";

export class CvssVectorError extends Error {
  constructor(
    message: string,
    readonly vector: string,
  ) {
    super(message);
    this.name = "CvssVectorError";
  }
}

function listOr(values: readonly string[]): string {
  return values.length > 1 ? `${values.slice(0, -1).join(", ")} or ${values.at(-1)}` : (values[0] ?? "");
}

/**
 * Reads a CVSS v3.0 or v3.1 vector string. The `CVSS:3.x/` prefix is optional (without it the
 * vector is read as 3.1); metrics may come in any order but each only once, and all eight base
 * metrics are required. Letters are read case-insensitively.
 */
export function parseCvssVector(text: string): CvssVector {
  const raw = text.trim().replace(/^[\s"'(]+|[\s"'.,;:!?)]+$/g, "");
  if (!raw) throw new CvssVectorError(`Give a CVSS vector such as ${EXAMPLE_VECTOR}`, text);
  const parts = raw.split("/");
  let version: CvssVersion = "3.1";
  const head = parts[0]!.toUpperCase();
  if (head.startsWith("CVSS:")) {
    const given = head.slice(5);
    if (given === "4.0") {
      throw new CvssVectorError("CVSS 4.0 vectors are not supported here; give a CVSS 3.0 or 3.1 vector", text);
    }
    if (!(CVSS_VERSIONS as readonly string[]).includes(given)) {
      throw new CvssVectorError(`Unknown CVSS version "${given}"; give a CVSS 3.0 or 3.1 vector, e.g. ${EXAMPLE_VECTOR}`, text);
    }
    version = given as CvssVersion;
    parts.shift();
  }
  if (parts.some((p) => /^AU:/i.test(p))) {
    throw new CvssVectorError("This looks like a CVSS v2 vector (it has Au); give a CVSS 3.0 or 3.1 vector", text);
  }
  const metrics: Partial<Record<Metric, string>> = {};
  for (const part of parts) {
    const pair = part.toUpperCase().split(":");
    if (pair.length !== 2 || !pair[0] || !pair[1]) {
      throw new CvssVectorError(`"${part}" is not a metric:value pair; a vector reads like ${EXAMPLE_VECTOR}`, text);
    }
    const [name, value] = pair as [string, string];
    if (!isMetric(name)) {
      throw new CvssVectorError(`Unknown metric "${name}"; the base metrics are ${BASE_METRICS.join(", ")}`, text);
    }
    if (metrics[name] !== undefined) throw new CvssVectorError(`${name} appears twice in the vector`, text);
    const allowed = METRIC_VALUES[name];
    if (!allowed.includes(value)) {
      throw new CvssVectorError(`${name}:${value} is not valid; ${METRIC_NAMES[name]} (${name}) takes ${listOr(allowed)}`, text);
    }
    metrics[name] = value;
  }
  const missing = BASE_METRICS.filter((m) => metrics[m] === undefined);
  if (missing.length) {
    const names = missing.map((m) => `${m} (${METRIC_NAMES[m]})`);
    throw new CvssVectorError(`The vector lacks the base metric${missing.length > 1 ? "s" : ""} ${listOr(names)}`, text);
  }
  const defined = (m: Metric) => metrics[m] !== undefined && metrics[m] !== "X";
  const canonical = [`CVSS:${version}`, ...METRIC_ORDER.filter(defined).map((m) => `${m}:${metrics[m]}`)].join("/");
  return {
    version,
    metrics: metrics as CvssVector["metrics"],
    hasTemporal: TEMPORAL_METRICS.some(defined),
    hasEnvironmental: ENVIRONMENTAL_METRICS.some(defined),
    canonical,
  };
}
