import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { hostname } from "node:os";

/** host:pid:token — one per runner instance, so a restarted process never mistakes old runs for its own. */
export function newRunnerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
}

/** Whether a process exists and is not a zombie (an exited process nobody reaped yet). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    // No /proc (not Linux): kill(0) is all there is to go on.
    return true;
  }
}

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
