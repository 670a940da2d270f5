import { evidenceAround, type Rule } from "./types.js";

const NPM = String.raw`npm (?:ERR!|error)`;

interface NpmProblem {
  pattern: RegExp;
  summary: (m: RegExpExecArray, lines: readonly string[]) => string;
  fix: (m: RegExpExecArray) => string;
}

const PROBLEMS: NpmProblem[] = [
  {
    pattern: new RegExp(String.raw`${NPM} [Mm]issing script:? "?([\w:.-]+)"?`),
    summary: (m) => `package.json has no "${m[1]}" script.`,
    fix: (m) => `Add a "${m[1]}" script to package.json, or change the step's command to a script that exists.`,
  },
  {
    pattern: new RegExp(String.raw`${NPM} code ERESOLVE`),
    summary: (_m, lines) => `npm could not resolve the dependency tree (ERESOLVE)${conflict(lines)}.`,
    fix: () => "Align the conflicting versions in package.json (the 'Could not resolve dependency' lines name them); --legacy-peer-deps only hides the conflict.",
  },
  {
    pattern: new RegExp(String.raw`${NPM} (?:code E404|404 Not Found - GET \S+?/(@?[^/\s]+(?:/[^/\s]+)?)\s*-)`),
    summary: (m, lines) => `A package does not exist in the registry${m[1] ? ` (${decodeURIComponent(m[1])})` : notFoundName(lines)}.`,
    fix: () => "Fix the package name in package.json (a typo, or a private package that needs a registry token in the environment's secrets).",
  },
  {
    pattern: /can only install packages when your package\.json and package-lock\.json (?:or npm-shrinkwrap\.json )?are in sync/,
    summary: () => "package-lock.json is out of sync with package.json, so `npm ci` refused to install.",
    fix: () => "Run npm install locally and commit the updated package-lock.json.",
  },
  {
    pattern: new RegExp(String.raw`${NPM} code EINTEGRITY`),
    summary: () => "A downloaded package failed its integrity check (EINTEGRITY).",
    fix: () => "Clear the npm cache (npm cache clean --force) and retry; if it persists, regenerate package-lock.json.",
  },
];

function conflict(lines: readonly string[]): string {
  const found = lines.find((l) => /Found: /.test(l))?.replace(/.*Found: /, "").trim();
  const wants = lines.find((l) => /Could not resolve dependency/.test(l)) ? lines[lines.findIndex((l) => /Could not resolve dependency/.test(l)) + 1]?.replace(/^.*?(?:ERR!|error)\s*/, "").trim() : undefined;
  return found ? `: found ${found}${wants ? `, but ${wants} is required` : ""}` : "";
}

function notFoundName(lines: readonly string[]): string {
  const m = lines.map((l) => /'([^']+)' is not in (?:the npm|this) registry/.exec(l)).find(Boolean);
  return m ? ` (${m[1]})` : "";
}

/** npm's own errors: missing scripts, unresolvable trees, unknown packages, stale lockfiles. */
export const npm: Rule = (input) => {
  for (const problem of PROBLEMS) {
    for (const [i, line] of input.lines.entries()) {
      const m = problem.pattern.exec(line);
      if (m) return { category: "npm", summary: problem.summary(m, input.lines), locations: [], evidence: evidenceAround(input.lines, i, 2), fix: problem.fix(m) };
    }
  }
  return undefined;
};
