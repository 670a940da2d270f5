import { mkdir, writeFile } from "node:fs/promises";
import { dirname, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { isSuiteError } from "./errors.js";
import { loadSuites } from "./loader.js";
import { messageOf, type RuntimeFactory } from "./run-case.js";
import { runSuites, selectCases, type RunOptions, type RunReport } from "./runner.js";
import { BaselineError, compareWithBaseline, readBaseline, type BaselineDiff } from "./report/baseline.js";
import { renderHtml } from "./report/html.js";
import { toJsonReport } from "./report/json.js";
import { renderJunit } from "./report/junit.js";
import { renderTerminal } from "./report/terminal.js";

/** The project's own suites, run when no path is given. */
export const DEFAULT_SUITES_DIR = fileURLToPath(new URL("./suites/", import.meta.url));

export interface EvaluateOptions extends Omit<RunOptions, "createRuntime" | "onCase"> {
  /** Suite files and folders; none: the project's own suites. */
  paths: readonly string[];
  json?: string;
  junit?: string;
  html?: string;
  /** A previous `--json` report: the verdict becomes "nothing that passed there fails now". */
  baseline?: string;
  createRuntime?: RuntimeFactory;
}

/** 0: every case passed (with a baseline: none regressed); 1: some failed (regressed); 2: a suite or the harness is broken. */
export type ExitCode = 0 | 1 | 2;

export interface Verdict {
  exitCode: ExitCode;
  /** Why the exit code is not 0, in one line. */
  message?: string;
}

const defaultRuntime: RuntimeFactory = async (options) => (await import("../graph/runtime.js")).createRuntime(options);

/**
 * `flashfusion eval`: loads the suites (a malformed one stops everything with exit 2), runs the
 * cases, prints the tables, writes the reports asked for, and gives the verdict.
 */
export async function evaluate(options: EvaluateOptions, out: (line: string) => void): Promise<Verdict> {
  let run: RunReport;
  let baseline: { file: string; diff: BaselineDiff } | undefined;
  try {
    const suites = await loadSuites(options.paths.length ? options.paths : [relative(process.cwd(), DEFAULT_SUITES_DIR) || "."]);
    const previous = options.baseline ? await readBaseline(options.baseline) : undefined;
    if (selectCases(suites, options.filter).length === 0) {
      return { exitCode: 2, message: `no case matches --filter ${JSON.stringify(options.filter)}` };
    }
    run = await runSuites(suites, { ...options, createRuntime: options.createRuntime ?? defaultRuntime });
    if (previous) baseline = { file: options.baseline!, diff: compareWithBaseline(previous, run.cases) };
  } catch (e) {
    // A SuiteError with neither case nor field is about the path itself (missing, empty).
    if (isSuiteError(e)) return { exitCode: 2, message: e.caseId || e.path ? `malformed suite: ${e.message}` : e.message };
    if (e instanceof BaselineError) return { exitCode: 2, message: e.message };
    return { exitCode: 2, message: `harness error: ${messageOf(e)}` };
  }

  for (const line of renderTerminal(run, baseline)) out(line);
  const reports: [string | undefined, () => string][] = [
    [options.json, () => `${JSON.stringify(toJsonReport(run, baseline?.diff), null, 2)}\n`],
    [options.junit, () => renderJunit(run)],
    [options.html, () => renderHtml(run, baseline)],
  ];
  for (const [file, render] of reports) {
    if (!file) continue;
    try {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, render());
    } catch (e) {
      return { exitCode: 2, message: `cannot write ${file}: ${messageOf(e)}` };
    }
  }
  return verdictOf(run, baseline?.diff);
}

function verdictOf(run: RunReport, baseline?: BaselineDiff): Verdict {
  if (baseline) {
    const regressed = baseline.regressed;
    if (regressed.length === 0) return { exitCode: 0 };
    const names = regressed.map((k) => `${k.suite}/${k.id}`).join(", ");
    return { exitCode: 1, message: `${regressed.length} case(s) passed in the baseline and fail now: ${names}` };
  }
  const failed = run.cases.filter((c) => !c.passed).length;
  return failed === 0 ? { exitCode: 0 } : { exitCode: 1, message: `${failed} of ${run.cases.length} cases failed` };
}
