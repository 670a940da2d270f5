import { mkdir, mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { isAbsolute, join } from "node:path";

export interface RunDirs {
  /** Where the steps run: the pipeline's working directory, or a fresh empty one. */
  cwd: string;
  home: string;
  tmp: string;
  /** Removes the run's own directories (never the pipeline's working directory). */
  cleanup(): Promise<void>;
}

export class RunSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RunSetupError";
  }
}

/** A fresh temporary directory per run for HOME, TMPDIR and (without a working directory) the checkout. */
export async function prepareRunDirs(workingDirectory: string | null): Promise<RunDirs> {
  if (workingDirectory !== null) {
    if (!isAbsolute(workingDirectory)) throw new RunSetupError(`the working directory ${workingDirectory} is not an absolute path`);
    const info = await stat(workingDirectory).catch(() => undefined);
    if (!info?.isDirectory()) throw new RunSetupError(`the working directory ${workingDirectory} does not exist on this server`);
  }
  const root = await mkdtemp(join(tmpdir(), "ff-run-"));
  const dirs = { home: join(root, "home"), tmp: join(root, "tmp"), workspace: join(root, "workspace") };
  await Promise.all(Object.values(dirs).map((d) => mkdir(d)));
  return {
    cwd: workingDirectory ?? dirs.workspace,
    home: dirs.home,
    tmp: dirs.tmp,
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}

/** The cache directory of one pipeline, created on first use. */
export async function cacheDirOf(cacheRoot: string, workspaceId: string, pipelineId: string): Promise<string> {
  const dir = join(cacheRoot, workspaceId, pipelineId);
  await mkdir(dir, { recursive: true });
  return dir;
}
