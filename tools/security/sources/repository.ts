import type { Dirent } from "node:fs";
import { lstat, readdir, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";

/** Bounds of a repository walk: scans stay quick and never read a huge or binary file. */
export interface RepoLimits {
  maxFiles: number;
  maxFileBytes: number;
  maxTotalBytes: number;
  maxDepth: number;
}

export const DEFAULT_REPO_LIMITS: RepoLimits = {
  maxFiles: 2_000,
  maxFileBytes: 512 * 1024,
  maxTotalBytes: 32 * 1024 * 1024,
  maxDepth: 12,
};

/** Folders of dependencies, tool caches and version control: not the repository's own text. */
const SKIP_DIRS = new Set(["node_modules", ".git", ".hg", ".svn", "bower_components", ".venv", "venv", "__pycache__", ".tox", ".terraform", ".gradle"]);
const BINARY_EXT = /\.(png|jpe?g|gif|bmp|ico|webp|pdf|zip|gz|tgz|bz2|xz|7z|rar|jar|war|class|so|dylib|dll|exe|bin|wasm|woff2?|ttf|otf|eot|mp[34]|mov|avi|webm|ogg|wav|pyc|lockb|sqlite3?|db)$/i;

export interface RepoFile {
  /** Relative to the repository root, with forward slashes. */
  path: string;
  text: string;
}

/** What walks found, added up over the repositories of one scan. */
export interface RepoWalk {
  files: number;
  skipped: number;
  /** Why the walk stopped early or could not start. */
  notes: string[];
}

/** Resolves a pipeline's working directory the way a local runner does: relative to the process. */
export function repositoryRoot(workingDirectory: string): string {
  return resolve(workingDirectory);
}

/**
 * Reads the text files of a repository, depth first in name order, skipping dependency and
 * version-control folders, symbolic links, binary files and files over the size limit.
 */
export async function* walkRepository(root: string, stats: RepoWalk, limits: RepoLimits = DEFAULT_REPO_LIMITS, signal?: AbortSignal): AsyncGenerator<RepoFile> {
  let total = 0;
  let read = 0;
  try {
    if (!(await lstat(root)).isDirectory()) {
      stats.notes.push(`${root} is not a directory`);
      return;
    }
  } catch (e) {
    stats.notes.push(`${root} could not be read (${(e as NodeJS.ErrnoException).code ?? "error"})`);
    return;
  }
  const stack: { dir: string; rel: string; depth: number }[] = [{ dir: root, rel: "", depth: 0 }];
  while (stack.length) {
    signal?.throwIfAborted();
    const { dir, rel, depth } = stack.pop()!;
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      stats.skipped++;
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subdirs: typeof stack = [];
    for (const entry of entries) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      const abs = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (SKIP_DIRS.has(entry.name)) continue;
        if (depth + 1 > limits.maxDepth) {
          stats.skipped++;
          continue;
        }
        subdirs.push({ dir: abs, rel: path, depth: depth + 1 });
        continue;
      }
      if (!entry.isFile() || BINARY_EXT.test(entry.name)) {
        if (!entry.isSymbolicLink()) stats.skipped++;
        continue;
      }
      if (read >= limits.maxFiles) {
        stats.notes.push(`stopped after ${limits.maxFiles} files`);
        return;
      }
      const size = (await lstat(abs)).size;
      if (size > limits.maxFileBytes || total + size > limits.maxTotalBytes) {
        stats.skipped++;
        continue;
      }
      const bytes = await readFile(abs);
      if (bytes.subarray(0, 8192).includes(0)) {
        stats.skipped++;
        continue;
      }
      total += size;
      read++;
      stats.files++;
      yield { path, text: bytes.toString("utf8") };
    }
    // Popped in name order after this folder's files.
    stack.push(...subdirs.reverse());
  }
}
