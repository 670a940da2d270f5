import { InvalidArgumentError, Option, type Command } from "commander";
import { evaluate } from "../../evals/evaluate.js";
import type { RegisterCommand } from "./index.js";

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("must be a whole number ≥ 1");
  return n;
}

interface EvalFlags {
  provider: "local" | "openai" | "anthropic";
  model?: string;
  baseUrl?: string;
  trials: number;
  filter?: string;
  concurrency: number;
  json?: string;
  junit?: string;
  html?: string;
  baseline?: string;
}

/**
 * `flashfusion eval [paths…]`: runs evaluation suites (FORMAT.md). Exit 0 when every case
 * passed, 1 when some failed, 2 when a suite is malformed or the harness broke; with
 * `--baseline`, 1 only when a case that passed in the baseline fails now.
 */
export const registerEval: RegisterCommand = (cli, out) => {
  cli
    .command("eval")
    .description("run evaluation suites (default: the project's evals/suites) and report")
    .argument("[paths...]", "suite files or folders (searched recursively for *.yaml, *.yml)")
    .addOption(new Option("--provider <name>", "model provider").choices(["local", "openai", "anthropic"]).default("local"))
    .option("--model <name>", "model name for the provider")
    .option("--base-url <url>", "endpoint of an OpenAI- or Anthropic-compatible API")
    .option("--trials <k>", "run every case K times and report pass^1…pass^K", positiveInt, 1)
    .option("--filter <text>", "only cases whose suite, id, tags or description contain TEXT")
    .option("--concurrency <n>", "cases run at once", positiveInt, 1)
    .option("--json <file>", "write the JSON report")
    .option("--junit <file>", "write a JUnit XML report")
    .option("--html <file>", "write a self-contained HTML report")
    .option("--baseline <file>", "a previous --json report; fail only when a case that passed there fails now")
    .action(async function (this: Command, paths: string[], { baseUrl, ...flags }: EvalFlags) {
      if (baseUrl) {
        if (flags.provider === "local") this.error("--base-url needs --provider openai or anthropic", { exitCode: 2, code: "flashfusion.eval" });
        // The provider layer reads its endpoint from the environment (OPENAI_BASE_URL, ANTHROPIC_BASE_URL).
        process.env[`${flags.provider.toUpperCase()}_BASE_URL`] = baseUrl;
      }
      // With DATABASE_URL set, every case gets a fresh database on that PostgreSQL server.
      const verdict = await evaluate({ paths, ...flags, databaseUrl: process.env.DATABASE_URL || undefined }, out);
      if (verdict.exitCode !== 0) this.error(verdict.message ?? "evaluation failed", { exitCode: verdict.exitCode, code: "flashfusion.eval" });
    });
};
