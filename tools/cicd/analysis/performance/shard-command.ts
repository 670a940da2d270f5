/**
 * The command of a test step made to run one shard of the suite, for runners that take
 * `--shard=k/N` (vitest, jest ≥ 28, playwright); the runner sets FLASHFUSION_SHARD to k/N.
 * Undefined when the command's runner is not known to shard.
 */
export function shardedCommand(command: string): string | undefined {
  const flag = '--shard="$FLASHFUSION_SHARD"';
  if (command.includes("FLASHFUSION_SHARD")) return command;
  if (/\b(?:vitest|jest|playwright\s+test)\b/.test(command)) return `${command} ${flag}`;
  if (/^\s*(?:npm|pnpm|yarn)\s+(?:run\s+)?test\b(?!.*\s--\s)/.test(command)) return `${command.trimEnd()} -- ${flag}`;
  return undefined;
}
