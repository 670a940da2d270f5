import { dirname } from "node:path";

/** The system directories every step may find programs in; the server's own PATH is not used. */
const SYSTEM_PATH = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"];

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface RunIdentity {
  pipeline: string;
  runId: string;
  number: number;
  branch: string;
  environment: string | null;
}

export interface EnvironmentInput {
  run: RunIdentity;
  /** A fresh directory that is HOME (and holds TMPDIR) for this run only. */
  home: string;
  tmp: string;
  /** The Environment's variables. */
  variables: Readonly<Record<string, string>>;
  /** Decrypted secrets for the run; they win over variables of the same name. */
  secrets: readonly { name: string; value: string }[];
  /** Package-manager cache directory kept between runs, when the pipeline caches dependencies. */
  cacheDir?: string;
}

export interface StepEnvironment {
  env: Record<string, string>;
  /** Why some variables were left out (names that are not variable names). */
  notes: string[];
}

/**
 * A step's environment, built from nothing: PATH (the system directories and the directory of
 * the Node that runs FlashFusion), HOME and TMPDIR in the run's own directory, CI=true, what
 * identifies the run, the Environment's variables, then the secrets. Nothing comes from the
 * server's own environment, so its credentials never reach a pipeline.
 */
export function stepEnvironment(input: EnvironmentInput): StepEnvironment {
  const notes: string[] = [];
  const path = [...new Set([dirname(process.execPath), ...SYSTEM_PATH])].join(":");
  const env: Record<string, string> = {
    PATH: path,
    HOME: input.home,
    TMPDIR: input.tmp,
    LANG: "C.UTF-8",
    CI: "true",
    FLASHFUSION: "true",
    FLASHFUSION_PIPELINE: input.run.pipeline,
    FLASHFUSION_RUN_ID: input.run.runId,
    FLASHFUSION_BUILD_NUMBER: String(input.run.number),
    FLASHFUSION_BRANCH: input.run.branch,
    ...(input.run.environment ? { FLASHFUSION_ENVIRONMENT: input.run.environment } : {}),
  };
  if (input.cacheDir) {
    Object.assign(env, {
      npm_config_cache: `${input.cacheDir}/npm`,
      YARN_CACHE_FOLDER: `${input.cacheDir}/yarn`,
      npm_config_store_dir: `${input.cacheDir}/pnpm`,
      PIP_CACHE_DIR: `${input.cacheDir}/pip`,
      XDG_CACHE_HOME: `${input.cacheDir}/xdg`,
    });
  }
  for (const [name, value] of Object.entries(input.variables)) {
    if (!VARIABLE_NAME.test(name)) {
      notes.push(`variable "${name}" of the environment is not a valid variable name; left out`);
      continue;
    }
    env[name] = String(value);
  }
  for (const secret of input.secrets) {
    if (!VARIABLE_NAME.test(secret.name)) {
      notes.push(`secret "${secret.name}" is not a valid variable name; left out`);
      continue;
    }
    env[secret.name] = secret.value;
  }
  return { env, notes };
}
