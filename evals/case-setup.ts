import { fixedClock, type Clock } from "../entities/clock.js";
import { createCipher } from "../entities/crypto.js";
import type { Db } from "../entities/db.js";
import { EntityInputError, entityDef } from "../entities/index.js";
import { seededIds, type IdGenerator } from "../entities/ids.js";
import { openScratchDb } from "../entities/scratch.js";
import { uniqueViolationColumns } from "../entities/sql.js";
import { Store } from "../entities/store.js";
import { DEFAULT_WORKSPACE_ID, ensureWorkspace } from "../entities/workspace.js";
import type { Speaker } from "../graph/types.js";
import { SuiteError, joinPath } from "./errors.js";
import type { GivenRow } from "./given.js";
import { DEFAULT_ACTOR, type EvalCase } from "./types.js";

/** The key every evaluation database is encrypted with: cases are throwaway and reproducible. */
export const EVAL_SECRET_KEY = `1:${Buffer.alloc(32, 0x5e).toString("base64")}`;

/** A case's world before its first turn: a fresh database holding only its `given` rows. */
export interface CaseWorld {
  db: Db;
  clock: Clock;
  ids: IdGenerator;
  secretKey: string;
  speaker: Speaker;
}

/**
 * Opens a scratch database (in memory; a fresh database on the PostgreSQL server at `databaseUrl`
 * when one is given) and fills it: the workspaces rows name (`ws_default` always),
 * the default actor unless the case names one, then the rows of `given` in order, each stored
 * as written (`id`, times and `workspace_id` included). A row an entity refuses is the suite's
 * mistake: a SuiteError naming the row and field.
 */
export async function prepareWorld(c: EvalCase, databaseUrl?: string): Promise<CaseWorld> {
  const db = await openScratchDb({ url: databaseUrl });
  try {
    const clock = fixedClock(c.now);
    const ids = seededIds(1);
    const deps = { cipher: createCipher(EVAL_SECRET_KEY), clock, ids };
    const actorId = c.actor ?? DEFAULT_ACTOR.id;
    const actorRow = c.given.find((r) => r.entity === "User" && r.values.id === actorId);
    const actorWorkspace = (actorRow?.values.workspace_id as string | undefined) ?? DEFAULT_WORKSPACE_ID;

    await db.kysely.transaction().execute(async (trx) => {
      const stores = new Map<string, Store>();
      const storeOf = (ws: string) => stores.get(ws) ?? stores.set(ws, new Store({ ...deps, db: trx }, ws)).get(ws)!;
      const insert = (row: GivenRow, ws: string, values: Record<string, unknown>) =>
        storeOf(ws).insert(row.entity, values).catch((e: unknown) => {
          throw rowError(c, row, e);
        });

      // Workspace rows first: every other row may live in one of them.
      for (const row of c.given.filter((r) => r.entity === "Workspace")) await insert(row, String(row.values.id), row.values);
      for (const ws of new Set([DEFAULT_WORKSPACE_ID, actorWorkspace, ...c.given.map(workspaceOf(actorWorkspace))])) {
        await ensureWorkspace(trx, ws, ws, clock.now());
      }
      if (!actorRow) await storeOf(actorWorkspace).insert("User", { ...DEFAULT_ACTOR });
      for (const row of c.given) {
        if (row.entity === "Workspace") continue;
        const owner = entityDef(row.entity).ownerField;
        const values = owner && !(owner in row.values) ? { ...row.values, [owner]: actorId } : row.values;
        await insert(row, workspaceOf(actorWorkspace)(row), values);
      }
    });
    return { db, clock, ids, secretKey: EVAL_SECRET_KEY, speaker: { workspaceId: actorWorkspace, actorId } };
  } catch (e) {
    await db.close();
    throw e;
  }
}

function workspaceOf(fallback: string) {
  return (row: GivenRow): string => (row.values.workspace_id as string | undefined) ?? fallback;
}

function rowError(c: EvalCase, row: GivenRow, e: unknown): SuiteError {
  if (e instanceof EntityInputError) return new SuiteError(c.file, c.id, joinPath(row.path, e.field), e.message);
  const message = e instanceof Error ? e.message : String(e);
  const columns = uniqueViolationColumns(e);
  const reason = columns ? `another row already has this ${columns}` : message;
  return new SuiteError(c.file, c.id, row.path, `${row.entity} row cannot be stored: ${reason}`);
}
