import { evidenceAround, type Rule } from "./types.js";

const PATTERNS: RegExp[] = [
  /Cannot find (?:module|package) '([^']+)'/,
  /Module not found: (?:Error: )?Can't resolve '([^']+)'/,
  /Failed to resolve import "([^"]+)"/,
  /Could not resolve "([^"]+)"/,
  /ModuleNotFoundError: No module named '([^']+)'/,
];

/** An import that does not resolve: a missing dependency or a wrong path. */
export const moduleNotFound: Rule = (input) => {
  for (const [i, line] of input.lines.entries()) {
    for (const pattern of PATTERNS) {
      const m = pattern.exec(line);
      if (!m) continue;
      const name = m[1]!;
      const relative = /^[./]/.test(name);
      const python = /No module named/.test(line);
      const from = /imported from (\S+)| in '([^']+)'| from "([^"]+)"/.exec(line);
      const origin = from ? (from[1] ?? from[2] ?? from[3]) : undefined;
      return {
        category: "module_not_found",
        summary: `Module '${name}' cannot be found${origin ? ` (imported from ${origin})` : ""}.`,
        locations: [],
        evidence: evidenceAround(input.lines, i, 1),
        fix: relative
          ? `Fix the import path '${name}'${origin ? ` in ${origin}` : ""}: the file does not exist there (check the file name, its case and its extension).`
          : python
            ? `Add ${name} to the project's requirements and install them before this step.`
            : `Add '${name}' to package.json (npm install ${name}) and commit the lockfile; if it is already listed, make sure an install step runs before step ${input.step ?? "this one"} in the same directory.`,
      };
    }
  }
  return undefined;
};
