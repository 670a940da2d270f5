import type { KeyEvent, ScanInputs } from "../scans/inputs.js";
import { HOUR_MS } from "../time.js";
import { keyLabel } from "./api-keys.js";
import { makeFinding, type ScanFinding } from "./finding.js";

/**
 * Suspicious use of an API key, read from the audit rows that carry `details.api_key_id`
 * (the door adds it to every call made with a key). Requests are counted in hourly buckets
 * counted back from the scan's time over the last 7 days (168 buckets):
 * - a spike: an hour with more than 10× the median hourly count of accepted requests over those
 *   7 days, the median taken as at least 1 so that a key idle most of the week needs over 10
 *   requests in an hour (refused requests are left to the next rule, not counted twice);
 * - a refused burst: 20 or more refused requests in one hour.
 */
export const SPIKE_FACTOR = 10;
export const REFUSED_PER_HOUR = 20;
const HOURS = 7 * 24;

export interface UsageAnomaly {
  kind: "spike" | "refused_burst";
  key_id: string;
  /** Start of the hour (ISO) and its count. */
  hour: string;
  count: number;
  /** Spikes: the 7-day median requests per hour. */
  median?: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function usageAnomalies(events: readonly KeyEvent[], now: Date): UsageAnomaly[] {
  const byKey = new Map<string, KeyEvent[]>();
  for (const e of events) byKey.set(e.key_id, [...(byKey.get(e.key_id) ?? []), e]);
  const anomalies: UsageAnomaly[] = [];
  const end = now.getTime();
  const hourOf = (bucket: number) => new Date(end - (bucket + 1) * HOUR_MS).toISOString();
  for (const [keyId, keyEvents] of byKey) {
    const accepted = new Array<number>(HOURS).fill(0);
    const refused = new Array<number>(HOURS).fill(0);
    for (const e of keyEvents) {
      // Bucket i holds (end - (i+1)h, end - i h].
      const bucket = Math.ceil((end - e.at) / HOUR_MS) - 1;
      if (bucket < 0 || bucket >= HOURS) continue;
      if (e.refused) refused[bucket]!++;
      else accepted[bucket]!++;
    }
    const base = median(accepted);
    const peak = accepted.indexOf(Math.max(...accepted));
    if (accepted[peak]! > SPIKE_FACTOR * Math.max(base, 1)) {
      anomalies.push({ kind: "spike", key_id: keyId, hour: hourOf(peak), count: accepted[peak]!, median: base });
    }
    const worst = refused.indexOf(Math.max(...refused));
    if (refused[worst]! >= REFUSED_PER_HOUR) {
      anomalies.push({ kind: "refused_burst", key_id: keyId, hour: hourOf(worst), count: refused[worst]! });
    }
  }
  return anomalies;
}

export function checkKeyUsage(inputs: ScanInputs): ScanFinding[] {
  const keys = new Map(inputs.apiKeys.map((k) => [k.id, k]));
  return usageAnomalies(inputs.keyEvents, inputs.now).flatMap((a) => {
    const key = keys.get(a.key_id);
    if (!key) return [];
    const where = keyLabel(key);
    const at = a.hour.slice(0, 16).replace("T", " ");
    return [
      a.kind === "spike"
        ? makeFinding({
            rule: "api_key_usage_spike",
            where,
            description: `${where} made ${a.count} requests in the hour from ${at} UTC, over ${SPIKE_FACTOR}× its 7-day median of ${a.median} per hour.`,
          })
        : makeFinding({
            rule: "api_key_refused_burst",
            where,
            description: `${where} had ${a.count} requests refused in the hour from ${at} UTC.`,
          }),
    ];
  });
}
