import type { TestKit } from "../testing.js";

/**
 * Credentials for tests, assembled at run time so that no source file holds a string that a
 * secret scanner (ours, or a code host's push protection) would take for a live credential.
 */
const join = (...parts: string[]) => parts.join("");
export const FAKE = {
  aws: join("AKIA", "IOSFODNN7", "EXAMPLE"),
  github: join("ghp", "_", "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"),
  stripe: join("sk", "_live_", "4eC39HqLyjWDarjtT1zdp7dc"),
  slack: join("xox", "b-", "123456789012-1234567890123-", "AbCdEfGhIjKlMnOpQrStUvWx"),
  password: join("Zx9Qw2Lp", "7Rt5Vb3Nm8Kd"),
  privateKey: join("-----BEGIN OPENSSH ", "PRIVATE KEY-----\n", "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n", "-----END OPENSSH PRIVATE KEY-----\n"),
};

/** The public suite's webapp-pipeline: an AWS key in a step, unprotected production, an http webhook. */
export async function givenLeakyPipeline(kit: TestKit): Promise<void> {
  await kit.store.insert("Environment", { id: "env_prod", name: "production", type: "production", protection_enabled: false });
  await kit.store.insert("PipelineConfig", {
    id: "pl_web",
    name: "webapp-pipeline",
    provider: "local",
    branch: "main",
    build_command: "npm run build",
    steps: [{ name: "deploy", command: `AWS_ACCESS_KEY_ID=${FAKE.aws} aws s3 sync out/ s3://acme-web` }],
    environment_id: "env_prod",
  });
  await kit.store.insert("Webhook", { id: "wh_ci", url: "http://hooks.example.com/ci", events: ["run.completed"], pipeline_id: "pl_web", active: true });
}

/** The public suite's docs-pipeline: nothing to find. */
export async function givenCleanPipeline(kit: TestKit): Promise<void> {
  await kit.store.insert("Environment", { id: "env_stg", name: "staging", type: "staging", protection_enabled: true });
  await kit.store.insert("PipelineConfig", {
    id: "pl_docs",
    name: "docs-pipeline",
    provider: "local",
    branch: "main",
    build_command: "npm run build",
    steps: [{ name: "build", command: "npm run build" }],
    environment_id: "env_stg",
  });
}

/** Every row a scan or report may have written, as one text. */
export async function everythingWritten(kit: TestKit): Promise<string> {
  const rows = await Promise.all((["SecurityScan", "ComplianceReport", "Task", "AuditLog", "PendingApproval", "IdempotencyRecord"] as const).map((n) => kit.store.find(n)));
  return JSON.stringify(rows);
}

export function okOutput<T = Record<string, unknown>>(outcome: { status: string; output?: unknown; reply?: string }): { output: T; reply: string } {
  if (outcome.status !== "ok") throw new Error(`expected ok, got ${outcome.status}`);
  return { output: outcome.output as T, reply: outcome.reply! };
}
