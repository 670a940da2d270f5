import { hostname } from "node:os";
import { newOwnerId, processAlive } from "../../../entities/presence.js";

/** host:pid:token — one per runner instance, so a restarted process never mistakes old runs for its own. */
export const newRunnerId = newOwnerId;
export { processAlive };

/**
 * Whether the runner that claimed a run is certainly gone: on this host, its process no longer
 * exists (or this process took over its pid); elsewhere, its heartbeat is older than the lease.
 */
export function runnerGone(runnerId: string, heartbeatAt: string | null, own: string, nowMs: number, leaseMs: number): boolean {
  if (runnerId === own) return false;
  const stale = heartbeatAt === null || nowMs - Date.parse(heartbeatAt) > leaseMs;
  const [host, pidText] = runnerId.split(":");
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0) return stale;
  if (pid === process.pid) return true;
  return !processAlive(pid) || stale;
}
