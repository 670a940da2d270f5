import { evidenceAround, type Rule } from "./types.js";

const OOM = /JavaScript heap out of memory|Reached heap limit|Allocation failed|\bENOMEM\b|Cannot allocate memory|OutOfMemoryError|out of memory/i;

/** The process ran out of memory (V8's heap limit, or killed by the kernel). */
export const outOfMemory: Rule = (input) => {
  const i = input.lines.findIndex((l) => OOM.test(l));
  const killed = input.exitCode === 137 || /SIGKILL/.test(input.failureReason ?? "");
  if (i < 0 && !killed) return undefined;
  return {
    category: "out_of_memory",
    summary: i >= 0
      ? `Step ${input.step ?? "?"} ran out of memory: ${input.lines[i]!.trim()}`
      : `Step ${input.step ?? "?"} was killed (SIGKILL / exit code 137), most likely by the out-of-memory killer.`,
    locations: [],
    evidence: i >= 0 ? evidenceAround(input.lines, i, 0) : [],
    fix: "Give Node more heap for this step (NODE_OPTIONS=--max-old-space-size=4096 in the environment's variables), lower the build's parallelism, or run it on a machine with more memory.",
  };
};

/** The disk, or the kernel's file-watcher table, is full. */
export const diskFull: Rule = (input) => {
  const i = input.lines.findIndex((l) => /\bENOSPC\b|no space left on device/i.test(l));
  if (i < 0) return undefined;
  const watchers = /file watchers|inotify/i.test(input.lines.slice(i, i + 3).join(" "));
  return {
    category: "disk_full",
    summary: watchers
      ? `Step ${input.step ?? "?"} hit the system limit on file watchers (ENOSPC).`
      : `Step ${input.step ?? "?"} failed because the disk is full (ENOSPC: no space left on device).`,
    locations: [],
    evidence: evidenceAround(input.lines, i, 0),
    fix: watchers
      ? "Turn watch mode off in CI (it should not watch files) or raise fs.inotify.max_user_watches on the runner."
      : "Free space on the runner (old build output, package caches, docker images) or write build output to a larger volume.",
  };
};
