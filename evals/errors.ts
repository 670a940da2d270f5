/**
 * A suite that cannot be run as written: a YAML error, a field the format does not know, a row
 * the entity catalog rejects. It names the file, the case and the field so the author can fix
 * it; the harness reports it and exits 2, never skipping the suite.
 */
export class SuiteError extends Error {
  constructor(
    readonly file: string,
    readonly caseId: string | undefined,
    readonly path: string | undefined,
    readonly reason: string,
  ) {
    super([file, caseId && `case ${caseId}`, path, reason].filter(Boolean).join(": "));
    this.name = "SuiteError";
  }
}

export function isSuiteError(e: unknown): e is SuiteError {
  return e instanceof Error && e.name === "SuiteError";
}

/** A problem found in part of a suite before the file and case are known to the finder. */
export class FieldError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = "FieldError";
  }
}

/** Joins path segments the way the messages show them: `given.Order[3].items`. */
export function joinPath(base: string, key: string | number): string {
  if (typeof key === "number") return `${base}[${key}]`;
  return base ? `${base}.${key}` : key;
}
