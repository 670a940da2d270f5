import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_REPO_LIMITS, walkRepository, type RepoWalk } from "./repository.js";

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

async function walk(limits = DEFAULT_REPO_LIMITS) {
  const stats: RepoWalk = { files: 0, skipped: 0, notes: [] };
  const paths: string[] = [];
  for await (const file of walkRepository(root, stats, limits)) paths.push(file.path);
  return { paths, stats };
}

describe("walkRepository", () => {
  it("reads text files in name order, folder by folder, and stops at the limits", async () => {
    root = mkdtempSync(join(tmpdir(), "ff-walk-"));
    for (const path of ["b.txt", "a.txt", "src/z.ts", "src/deep/y.ts", "node_modules/m/index.js"]) {
      mkdirSync(join(root, path, ".."), { recursive: true });
      writeFileSync(join(root, path), "text");
    }
    expect((await walk()).paths).toEqual(["a.txt", "b.txt", "src/z.ts", "src/deep/y.ts"]);
    const few = await walk({ ...DEFAULT_REPO_LIMITS, maxFiles: 3 });
    expect(few.paths).toEqual(["a.txt", "b.txt", "src/z.ts"]);
    expect(few.stats.notes).toEqual(["stopped after 3 files"]);
    const shallow = await walk({ ...DEFAULT_REPO_LIMITS, maxDepth: 1 });
    expect(shallow.paths).toEqual(["a.txt", "b.txt", "src/z.ts"]);
    expect(shallow.stats.skipped).toBe(1);
    const small = await walk({ ...DEFAULT_REPO_LIMITS, maxTotalBytes: 9 });
    expect(small.paths).toEqual(["a.txt", "b.txt"]);
  });
});
