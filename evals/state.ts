import type { Kysely } from "kysely";
import type { DB } from "../entities/db.js";
import { columnOf, decodeRow, entityDef, type EntityName } from "../entities/index.js";
import { matches, mismatch, show, type MatchContext } from "./matchers.js";
import type { StateCheck } from "./types.js";

/**
 * The harness's view of the database: every workspace at once. It is the one place allowed to
 * look across workspaces, because suites check that nothing leaked from one to another.
 */
type RawRow = Record<string, unknown>;
export type Snapshot = ReadonlyMap<EntityName, readonly RawRow[]>;

/**
 * The entities a person's request changes: ENTITIES.md's contract less AuditLog. The rest —
 * threads, approvals, idempotency records, model usage — is the conversation's own bookkeeping,
 * which a turn that only asks a question may still write.
 */
export const BUSINESS_ENTITIES: readonly EntityName[] = [
  "User", "Product", "Coupon", "Order", "Payment", "Task", "WorkflowExecution",
  "Event", "Session", "InsightReport", "AnalyticsSnapshot",
  "PipelineConfig", "PipelineRun", "Environment", "PipelineOptimization", "QualityCheck",
  "Secret", "APIKey", "SecurityScan", "ComplianceReport", "Webhook",
  "Project", "Note", "Contact", "Draft",
];

async function rawRows(db: Kysely<DB>, entity: EntityName): Promise<RawRow[]> {
  return db.selectFrom(entityDef(entity).table).selectAll().orderBy("id").execute();
}

/** Rows of an entity across all workspaces, as entity values. */
export async function readRows(db: Kysely<DB>, entity: EntityName): Promise<Record<string, unknown>[]> {
  const def = entityDef(entity);
  return (await rawRows(db, entity)).map((r) => decodeRow(def, r));
}

/** The stored rows themselves (encrypted columns included), for "nothing changed" checks. */
export async function snapshot(db: Kysely<DB>, entities: readonly EntityName[]): Promise<Snapshot> {
  const out = new Map<EntityName, RawRow[]>();
  for (const entity of entities) out.set(entity, await rawRows(db, entity));
  return out;
}

/** What changed in each entity between two snapshots, in words; empty when nothing did. */
export function describeChanges(before: Snapshot, after: Snapshot): string[] {
  const changes: string[] = [];
  for (const [entity, rows] of before) {
    const now = new Map((after.get(entity) ?? []).map((r) => [String(r.id), r]));
    const was = new Map(rows.map((r) => [String(r.id), r]));
    const added = [...now.keys()].filter((id) => !was.has(id));
    const removed = [...was.keys()].filter((id) => !now.has(id));
    const changed = [...was.keys()].flatMap((id) => {
      const a = was.get(id)!;
      const b = now.get(id);
      if (!b) return [];
      const fields = Object.keys({ ...a, ...b }).filter((k) => !Object.is(a[k], b[k]));
      return fields.length ? [`${id} (${fields.map((c) => fieldOfColumn(entity, c)).join(", ")})`] : [];
    });
    const parts = [
      added.length && `added ${list(added)}`,
      removed.length && `removed ${list(removed)}`,
      changed.length && `changed ${list(changed)}`,
    ].filter(Boolean);
    if (parts.length) changes.push(`${entity}: ${parts.join("; ")}`);
  }
  return changes;
}

function fieldOfColumn(entity: EntityName, column: string): string {
  const def = entityDef(entity);
  return Object.entries(def.fields).find(([name, fld]) => columnOf(name, fld) === column)?.[0] ?? column;
}

function list(items: string[], max = 5): string {
  return items.length > max ? `${items.slice(0, max).join(", ")} and ${items.length - max} more` : items.join(", ");
}

/**
 * One `expect_state` check: the rows matching `where` (every workspace unless it names one),
 * their count, and `fields` on each of them. Answers the failures, each saying what was
 * expected and which rows were found.
 */
export async function checkState(db: Kysely<DB>, check: StateCheck, ctx: MatchContext): Promise<string[]> {
  const rows = await readRows(db, check.entity);
  const matching = rows.filter((r) => Object.entries(check.where ?? {}).every(([k, m]) => matches(r[k], m, ctx)));
  const label = check.where ? `${check.entity} where ${show(check.where)}` : check.entity;
  const shown = [...Object.keys(check.where ?? {}), ...Object.keys(check.fields ?? {})];
  const failures: string[] = [];

  if (check.count !== undefined) {
    const problem = mismatch(matching.length, check.count, ctx);
    if (problem) failures.push(`${label}: count ${problem}${found(matching, rows, shown)}`);
  }
  // Without a count, at least one row must match; a count says itself whether zero will do.
  if (check.count === undefined && matching.length === 0) {
    failures.push(`${label}: expected at least one row, found none${found(matching, rows, shown)}`);
  }
  if (check.fields && matching.length > 0) {
    const wrong = matching.flatMap((row) => {
      const problems = Object.entries(check.fields!).flatMap(([k, m]) => {
        const problem = mismatch(row[k], m, ctx);
        return problem ? [`${k}: ${problem}`] : [];
      });
      return problems.length ? [`${String(row.id)}: ${problems.join("; ")}`] : [];
    });
    if (wrong.length) {
      const of = matching.length === 1 ? "the matching row" : `${wrong.length} of ${matching.length} matching rows`;
      failures.push(`${label}: fields of ${of} differ — ${list(wrong, 3)}`);
    }
  }
  return failures;
}

function found(matching: Record<string, unknown>[], all: Record<string, unknown>[], fields: string[]): string {
  if (matching.length > 0) return `; matching rows: ${preview(matching, fields)}`;
  if (all.length === 0) return "; the entity has no rows at all";
  return `; none of its ${all.length} rows match: ${preview(all, fields)}`;
}

/** A few rows, cut down to the fields the check names. */
function preview(rows: Record<string, unknown>[], fields: string[]): string {
  const keys = ["id", ...new Set(fields.filter((f) => f !== "id"))];
  const shown = rows.slice(0, 3).map((r) => {
    const picked = Object.fromEntries(keys.filter((k) => k in r).map((k) => [k, r[k]]));
    return show(picked, 240);
  });
  return rows.length > 3 ? `${shown.join(", ")} … and ${rows.length - 3} more` : shown.join(", ");
}
