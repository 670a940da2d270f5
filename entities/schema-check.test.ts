import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterEach, expect, it } from "vitest";
import { openTestDb } from "./scratch.js";

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it("refuses a database made by an older schema with a message that says what to do, not 'no such column'", async () => {
  dir = mkdtempSync(join(tmpdir(), "ff-schema-"));
  const file = join(dir, "old.db");
  const made = await openTestDb({ file });
  await sql`alter table threads drop column owner_id`.execute(made.kysely);
  await made.close();
  await expect(openTestDb({ file })).rejects.toThrow(/made by an older version of FlashFusion \(it lacks threads\.owner_id\).*flashfusion seed/);
});

it("opens an up-to-date database again without complaint", async () => {
  dir = mkdtempSync(join(tmpdir(), "ff-schema-"));
  const file = join(dir, "current.db");
  await (await openTestDb({ file })).close();
  const again = await openTestDb({ file });
  await again.close();
});
