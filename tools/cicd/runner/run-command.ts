import { spawn, type ChildProcess } from "node:child_process";
import { StringDecoder } from "node:string_decoder";

export type OutputStream = "stdout" | "stderr";

export interface CommandSpec {
  command: string;
  cwd: string;
  /** The whole environment of the process; nothing is inherited. */
  env: Record<string, string>;
  timeoutMs: number;
  /** After SIGTERM, how long the process group gets before SIGKILL. */
  killGraceMs: number;
  /** Aborting it stops the command (cancellation, shutdown). */
  signal: AbortSignal;
  onOutput: (stream: OutputStream, text: string) => void;
}

export type CommandOutcome =
  | { kind: "exited"; exitCode: number }
  | { kind: "signalled"; signal: NodeJS.Signals }
  | { kind: "timed_out" }
  | { kind: "aborted" }
  | { kind: "spawn_failed"; message: string };

export interface CommandResult {
  outcome: CommandOutcome;
  /** Measured on the monotonic clock. */
  durationSeconds: number;
}

/** How long to wait for output pipes after the process exited (a daemon that escaped the group may hold them). */
const DRAIN_MS = 1_000;

/** Sends a signal to the whole process group of a detached child; a group already gone is fine. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // ESRCH: nothing left in the group.
  }
}

/**
 * Runs one shell command as a real child process in its own process group (`/bin/sh -c`), with
 * exactly the environment given. A timeout or an abort sends SIGTERM to the whole group, then
 * SIGKILL after the grace period; when the shell exits, whatever it left running in its group
 * is killed too, so no step outlives itself.
 */
export function runCommand(spec: CommandSpec): Promise<CommandResult> {
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  return new Promise((resolve) => {
    let child: ChildProcess;
    try {
      child = spawn("/bin/sh", ["-c", spec.command], {
        cwd: spec.cwd,
        env: spec.env,
        detached: true,
        stdio: ["ignore", "pipe", "pipe"],
      });
    } catch (e) {
      resolve({ outcome: { kind: "spawn_failed", message: e instanceof Error ? e.message : String(e) }, durationSeconds: elapsed() });
      return;
    }

    let stopping: "timed_out" | "aborted" | undefined;
    let spawnError: Error | undefined;
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    let graceTimer: NodeJS.Timeout | undefined;
    let drainTimer: NodeJS.Timeout | undefined;
    let settled = false;

    const stop = (why: "timed_out" | "aborted") => {
      if (stopping || exit) return;
      stopping = why;
      signalGroup(child, "SIGTERM");
      graceTimer = setTimeout(() => signalGroup(child, "SIGKILL"), spec.killGraceMs);
    };
    const timeout = setTimeout(() => stop("timed_out"), spec.timeoutMs);
    const onAbort = () => stop("aborted");
    spec.signal.addEventListener("abort", onAbort, { once: true });
    if (spec.signal.aborted) onAbort();

    const decoders = { stdout: new StringDecoder("utf8"), stderr: new StringDecoder("utf8") };
    for (const stream of ["stdout", "stderr"] as const) {
      child[stream]?.on("data", (chunk: Buffer) => {
        const text = decoders[stream].write(chunk);
        if (text) spec.onOutput(stream, text);
      });
    }

    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timeout);
      clearTimeout(graceTimer);
      clearTimeout(drainTimer);
      spec.signal.removeEventListener("abort", onAbort);
      for (const stream of ["stdout", "stderr"] as const) {
        const rest = decoders[stream].end();
        if (rest) spec.onOutput(stream, rest);
        child[stream]?.destroy();
      }
      let outcome: CommandOutcome;
      if (stopping) outcome = { kind: stopping };
      else if (spawnError && !exit) outcome = { kind: "spawn_failed", message: spawnError.message };
      else if (exit?.code !== null && exit?.code !== undefined) outcome = { kind: "exited", exitCode: exit.code };
      else outcome = { kind: "signalled", signal: exit?.signal ?? "SIGKILL" };
      resolve({ outcome, durationSeconds: elapsed() });
    };

    child.on("error", (e) => {
      spawnError = e;
      if (child.pid === undefined) finish();
    });
    child.on("exit", (code, signal) => {
      exit = { code, signal };
      // The step is over: whatever it started in the background goes with it.
      signalGroup(child, "SIGKILL");
      drainTimer = setTimeout(finish, DRAIN_MS);
    });
    child.on("close", finish);
  });
}
