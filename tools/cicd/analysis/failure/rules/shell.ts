import { evidenceAround, type Rule } from "./types.js";

/** The step called a program that is not installed on the runner. */
export const commandNotFound: Rule = (input) => {
  const i = input.lines.findIndex((l) => /(?:^|: )(\S+): (?:command )?not found\s*$/.test(l) || /command not found: \S+/.test(l));
  if (i < 0 && input.exitCode !== 127) return undefined;
  const line = i >= 0 ? input.lines[i]! : "";
  const program = /(\S+): (?:command )?not found\s*$/.exec(line)?.[1] ?? /command not found: (\S+)/.exec(line)?.[1];
  return {
    category: "command_not_found",
    summary: `${program ? `'${program}'` : "A program the step calls"} is not installed on the runner (exit code 127).`,
    locations: [],
    evidence: i >= 0 ? evidenceAround(input.lines, i, 0) : [],
    fix: `Install ${program ?? "it"} on the runner, call it through npx (a dev dependency), or fix the spelling in the step's command.`,
  };
};

/** A file or directory the step may not touch. */
export const permission: Rule = (input) => {
  const i = input.lines.findIndex((l) => /\bEACCES\b|Permission denied|EPERM: operation not permitted/.test(l));
  if (i < 0 && input.exitCode !== 126) return undefined;
  const path = i >= 0 ? /(?:EACCES|EPERM)[^']*'([^']+)'|(\/[^\s:]+): Permission denied/.exec(input.lines[i]!) : null;
  return {
    category: "permission",
    summary: `Step ${input.step ?? "?"} was denied access${path ? ` to ${path[1] ?? path[2]}` : ""}.`,
    locations: [],
    evidence: i >= 0 ? evidenceAround(input.lines, i, 0) : [],
    fix: "Write inside the run's own directories (HOME and TMPDIR are the run's), make the script executable (chmod +x), or fix the ownership of the working directory.",
  };
};
