import type { SourceLocation } from "./log-text.js";

export type TestRunner = "vitest" | "jest" | "mocha" | "node:test" | "tests";

export interface FailedTest {
  name: string;
  file?: string;
  line?: number;
  message?: string;
}

export interface TestReport {
  runner: TestRunner;
  failed: number | null;
  passed: number | null;
  total: number | null;
  failures: FailedTest[];
  /** Where the first failure points, when a stack or code frame says. */
  location: SourceLocation | null;
  /** A test failed by running out of time. */
  timedOut: boolean;
  evidence: string[];
}

const TEST_FILE = String.raw`[^\s()'"]+?\.(?:test|spec)\.[cm]?[jt]sx?`;
const STACK_LOCATION = new RegExp(String.raw`(${TEST_FILE}):(\d+)(?::(\d+))?`);
const ASSERTION = /^\s*((?:AssertionError|Error|TypeError|ReferenceError|expect\(|Expected|Received)\b.*)$/;
const TIMEOUT = /Exceeded timeout of \d+ ?ms|Test timed out in \d+ ?ms|Timeout of \d+ms exceeded|test timed out after \d+ ?ms/i;

const num = (s: string | undefined) => (s === undefined ? null : Number(s));

function detect(text: string): TestRunner | null {
  if (/\bvitest\b|^\s*Test Files\s+\d+/m.test(text) || /^\s*Tests\s+\d+ (?:failed|passed)\s*\|?/m.test(text)) return "vitest";
  if (/^\s*Tests:\s+.*\d+ total/m.test(text) || /\bjest\b/.test(text)) return "jest";
  if (/^\s*\d+ passing \(\d+/m.test(text) || /^\s*\d+ failing\s*$/m.test(text) || /\bmocha\b/.test(text)) return "mocha";
  if (/^\s*[ℹ#] (?:tests|pass|fail) \d+\s*$/m.test(text) || /^not ok \d+ - /m.test(text)) return "node:test";
  if (/\b\d+ tests? (?:failed|failing)\b|\btests? failed\b/i.test(text)) return "tests";
  return null;
}

function counts(runner: TestRunner, text: string): Pick<TestReport, "failed" | "passed" | "total"> {
  switch (runner) {
    case "vitest": {
      const m = /^\s*Tests\s+(.*)$/m.exec(text)?.[1] ?? "";
      const failed = num(/(\d+) failed/.exec(m)?.[1]) ?? (m ? 0 : null);
      const passed = num(/(\d+) passed/.exec(m)?.[1]) ?? (m ? 0 : null);
      return { failed, passed, total: num(/\((\d+)\)/.exec(m)?.[1]) ?? (failed !== null && passed !== null ? failed + passed : null) };
    }
    case "jest": {
      const m = /^\s*Tests:\s+(.*)$/m.exec(text)?.[1] ?? "";
      return { failed: num(/(\d+) failed/.exec(m)?.[1]) ?? (m ? 0 : null), passed: num(/(\d+) passed/.exec(m)?.[1]) ?? (m ? 0 : null), total: num(/(\d+) total/.exec(m)?.[1]) };
    }
    case "mocha": {
      const passed = num(/^\s*(\d+) passing/m.exec(text)?.[1]);
      const failed = num(/^\s*(\d+) failing/m.exec(text)?.[1]) ?? (passed !== null ? 0 : null);
      return { failed, passed, total: passed !== null && failed !== null ? passed + failed : null };
    }
    case "node:test": {
      const get = (k: string) => num(new RegExp(String.raw`^\s*[ℹ#] ${k} (\d+)\s*$`, "m").exec(text)?.[1]);
      return { failed: get("fail"), passed: get("pass"), total: get("tests") };
    }
    case "tests":
      return { failed: num(/\b(\d+) tests? (?:failed|failing)\b/i.exec(text)?.[1]) ?? 1, passed: null, total: null };
  }
}

function failures(runner: TestRunner, lines: readonly string[]): FailedTest[] {
  const out: FailedTest[] = [];
  const add = (name: string, file?: string) => {
    const n = name.trim();
    if (n && !out.some((f) => f.name === n)) out.push({ name: n, ...(file ? { file } : {}) });
  };
  const mocha = new Map<string, string>();
  for (const [i, line] of lines.entries()) {
    let m: RegExpExecArray | null;
    if (runner === "vitest" && (m = /^\s*FAIL\s+(\S+)\s+>\s+(.+)$/.exec(line))) add(m[2]!.replace(/\s+\d+ms$/, ""), m[1]);
    else if (runner === "vitest" && (m = /^\s*[×✗✕]\s+(.+?)(?:\s+\d+ms)?$/.exec(line))) add(m[1]!);
    else if (runner === "jest" && (m = /^\s*●\s+(.+)$/.exec(line)) && !/Console$/.test(m[1]!)) add(m[1]!);
    else if (runner === "mocha" && (m = /^\s{2,}(\d+)\) (.+?)(:?)$/.exec(line))) {
      // The spec list says "1) title"; the failure details repeat it as "1) suite" + "   title:".
      const next = lines[i + 1]?.trim();
      const full = m[3] ? m[2]! : next && /:$/.test(next) ? `${m[2]} ${next.slice(0, -1)}` : undefined;
      mocha.set(m[1]!, full ?? mocha.get(m[1]!) ?? m[2]!);
    } else if (runner === "node:test" && (m = /^not ok \d+ - (.+)$/.exec(line) ?? /^\s*✖ (.+?)(?: \([\d.]+m?s\))?$/.exec(line))) {
      if (!/^failing tests:$/i.test(m[1]!)) add(m[1]!);
    }
  }
  for (const name of mocha.values()) add(name);
  return out;
}

/** A test run's results in a log: which runner, counts, the failing tests and where the first one points. */
export function parseTestReport(lines: readonly string[]): TestReport | null {
  const text = lines.join("\n");
  const runner = detect(text);
  if (!runner) return null;
  const failed = failures(runner, lines);
  const message = lines.find((l) => ASSERTION.test(l) || TIMEOUT.test(l));
  if (failed[0] && message) failed[0].message = message.trim();
  const loc = lines.map((l) => STACK_LOCATION.exec(l)).find(Boolean);
  const location = loc ? { file: loc[1]!, line: Number(loc[2]), ...(loc[3] ? { column: Number(loc[3]) } : {}) } : null;
  if (failed[0] && location) Object.assign(failed[0], { file: failed[0].file ?? location.file, line: location.line });
  const evidence = lines.filter((l) => /FAIL|✖|×|●|not ok|failing|failed|AssertionError|Expected|Received|Timeout|timed out/i.test(l)).slice(0, 6);
  return { runner, ...counts(runner, text), failures: failed, location, timedOut: TIMEOUT.test(text), evidence };
}
