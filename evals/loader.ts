import { createHash } from "node:crypto";
import { readFile, readdir, stat } from "node:fs/promises";
import { join, normalize } from "node:path";
import { LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { ENTITIES, isEntityName, type EntityDef, type EntityName } from "../entities/index.js";
import { FieldError, SuiteError, joinPath } from "./errors.js";
import { expandGiven, fieldNames } from "./given.js";
import { isOperatorObject, validateMatcher } from "./matchers.js";
import { SuiteSchema, type RawCase } from "./suite-schema.js";
import { isoInstant } from "./time-strings.js";
import { DEFAULT_ACTOR, DEFAULT_NOW, type EvalCase, type StateCheck, type Suite, type Turn } from "./types.js";
import { isPlainObject } from "./values.js";

const SUITE_FILE = /\.ya?ml$/i;
const HOLDOUT_DIR = "paraphrase-holdout";

/** Every suite under the given files and folders (folders recursively), in a stable order. */
export async function loadSuites(paths: readonly string[]): Promise<Suite[]> {
  const files: string[] = [];
  for (const path of paths) files.push(...(await suiteFiles(path)));
  const suites: Suite[] = [];
  const seen = new Map<string, string>();
  for (const file of [...new Set(files)]) {
    const suite = parseSuite(await readFile(file, "utf8"), file);
    const other = seen.get(suite.name);
    if (other) throw new SuiteError(suite.file, undefined, "suite", `the name ${suite.name} is already used by ${other}`);
    seen.set(suite.name, suite.file);
    suites.push(suite);
  }
  return suites;
}

/** The suite files a path names, spelt from that path so reports show what the person typed. */
async function suiteFiles(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new SuiteError(path, undefined, undefined, "no such file or folder");
  if (info.isFile()) return [normalize(path)];
  const entries = await readdir(path, { recursive: true, withFileTypes: true });
  const found = entries
    .filter((e) => e.isFile() && SUITE_FILE.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
  if (found.length === 0) throw new SuiteError(path, undefined, undefined, "holds no suite files (*.yaml, *.yml)");
  return found;
}

/** Parses and checks one suite file; any problem is a SuiteError naming file, case and field. */
export function parseSuite(text: string, file: string): Suite {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const at = lines.linePos(yamlError.pos[0]);
    throw new SuiteError(file, undefined, `line ${at.line}, column ${at.col}`, yamlError.message.split("\n")[0]!);
  }
  const raw: unknown = doc.toJS();
  const parsed = SuiteSchema.safeParse(raw);
  if (!parsed.success) throw fromZod(parsed.error, raw, file);

  const ids = new Set<string>();
  const cases = parsed.data.cases.map((c, index) => {
    if (ids.has(c.id)) throw new SuiteError(file, c.id, `cases[${index}].id`, "another case of this suite has the same id");
    ids.add(c.id);
    try {
      return checkCase(c, parsed.data.suite, file);
    } catch (e) {
      if (e instanceof FieldError) throw new SuiteError(file, c.id, e.path, e.reason);
      throw e;
    }
  });
  return {
    name: parsed.data.suite,
    file,
    sha256: createHash("sha256").update(text).digest("hex"),
    holdout: file.split(/[\\/]/).includes(HOLDOUT_DIR),
    cases,
  };
}

function fromZod(error: z.ZodError, raw: unknown, file: string): SuiteError {
  // A misspelt key also makes the key it stands for missing: name the misspelling.
  const issue = error.issues.find((i) => i.code === "unrecognized_keys") ?? error.issues[0]!;
  const path = [...issue.path];
  let reason = issue.message;
  if (issue.code === "unrecognized_keys") {
    path.push(issue.keys[0]!);
    reason = "unknown field (see FORMAT.md for the fields of a suite, a case, a turn and a check)";
  }
  let caseId: string | undefined;
  let rest = path;
  if (path[0] === "cases" && typeof path[1] === "number") {
    const c = (raw as { cases?: unknown[] }).cases?.[path[1]];
    const id = isPlainObject(c) ? c.id : undefined;
    caseId = typeof id === "string" || typeof id === "number" ? String(id) : `#${path[1] + 1}`;
    rest = path.slice(2);
  }
  const field = rest.reduce<string>((at, key) => joinPath(at, typeof key === "number" ? key : String(key)), "");
  return new SuiteError(file, caseId, field || undefined, reason);
}

function checkCase(c: RawCase, suite: string, file: string): EvalCase {
  const now = c.now instanceof Date ? c.now.toISOString() : (c.now ?? DEFAULT_NOW);
  const instant = isoInstant(now);
  if (instant === undefined) throw new FieldError("now", `not an ISO 8601 time: ${String(c.now)}`);
  const given = expandGiven(c.given, new Date(instant));
  if (c.actor && c.actor !== DEFAULT_ACTOR.id && !given.some((r) => r.entity === "User" && r.values.id === c.actor)) {
    throw new FieldError("actor", `no User with id ${c.actor} in given; add it there, or leave actor out for the default actor`);
  }
  const turns: Turn[] = c.turns.map((t, i) => {
    t.expect?.reply_matches?.forEach((pattern, j) => checkRegex(pattern, `turns[${i}].expect.reply_matches[${j}]`));
    const expect = t.expect ?? {};
    return t.say !== undefined ? { kind: "say", text: t.say, expect } : { kind: "approve", approve: t.approve!, expect };
  });
  return {
    suite,
    file,
    id: c.id,
    description: c.description,
    tags: c.tags,
    now: new Date(instant).toISOString(),
    actor: c.actor,
    given,
    turns,
    expectState: c.expect_state.map((check, i) => checkState(check, `expect_state[${i}]`)),
    unchanged: c.unchanged.map((name, i) => entityNamed(name, `unchanged[${i}]`)),
  };
}

function checkRegex(pattern: string, path: string): void {
  try {
    new RegExp(pattern, "i");
  } catch (e) {
    throw new FieldError(path, `not a valid regular expression: ${(e as Error).message}`);
  }
}

function entityNamed(name: string, path: string): EntityName {
  if (!isEntityName(name)) throw new FieldError(path, `unknown entity ${name}; known entities: ${Object.keys(ENTITIES).join(", ")}`);
  return name;
}

function checkState(check: RawCase["expect_state"][number], path: string): StateCheck {
  const entity = entityNamed(check.entity, joinPath(path, "entity"));
  const def = ENTITIES[entity] as unknown as EntityDef;
  const readable = fieldNames(def).filter((f) => def.fields[f]?.kind !== "encrypted");
  for (const part of ["where", "fields"] as const) {
    for (const [field, matcher] of Object.entries(check[part] ?? {})) {
      const at = joinPath(joinPath(path, part), field);
      if (!readable.includes(field)) {
        const why = def.fields[field] ? "is encrypted and never read back" : "is not a field of the entity";
        throw new FieldError(at, `${entity}.${field} ${why}; readable fields: ${readable.join(", ")}`);
      }
      validateMatcher(matcher, at);
    }
  }
  if (check.count !== undefined && typeof check.count !== "number") {
    if (!isOperatorObject(check.count)) throw new FieldError(joinPath(path, "count"), "a number or a matcher such as {$gte: 1}");
    validateMatcher(check.count, joinPath(path, "count"));
  }
  return { entity, where: check.where, count: check.count, fields: check.fields };
}
