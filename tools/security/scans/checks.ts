import { checkApiKeys } from "../rules/api-keys.js";
import { checkEnvironments } from "../rules/environments.js";
import { byRisk, type ScanFinding } from "../rules/finding.js";
import { checkKeyUsage } from "../rules/key-usage.js";
import { checkSecretRotation } from "../rules/secret-rotation.js";
import { repositoryFindings, secretFindings } from "../rules/secrets.js";
import { checkWebhooks } from "../rules/webhooks.js";
import { configSources } from "../sources/config-sources.js";
import type { RepoLimits, RepoWalk } from "../sources/repository.js";
import type { ScanCoverage } from "./coverage.js";
import type { ScanInputs } from "./inputs.js";

export interface CheckOptions {
  /** Walk local pipelines' working directories (scans do; compliance reports do not). */
  repositories: boolean;
  limits?: RepoLimits;
  signal?: AbortSignal;
}

/** Configuration checks that need no file access, shared with compliance reports. */
export function configFindings(inputs: ScanInputs): ScanFinding[] {
  return [
    ...configSources(inputs).flatMap((source) => secretFindings(source)),
    ...checkEnvironments(inputs),
    ...checkWebhooks(inputs),
    ...checkApiKeys(inputs),
    ...checkSecretRotation(inputs),
    ...checkKeyUsage(inputs),
  ];
}

export async function runChecks(inputs: ScanInputs, options: CheckOptions): Promise<{ findings: ScanFinding[]; coverage: ScanCoverage }> {
  const findings = configFindings(inputs);
  const walk: RepoWalk = { files: 0, skipped: 0, notes: [] };
  if (options.repositories) {
    for (const pipeline of inputs.pipelines) {
      findings.push(...(await repositoryFindings(pipeline, walk, { limits: options.limits, signal: options.signal })));
    }
  }
  const seen = new Set<string>();
  const unique = findings.filter((f) => {
    const key = `${f.rule}\u0000${f.location}\u0000${f.preview ?? ""}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return {
    findings: unique.sort(byRisk),
    coverage: {
      pipelines: inputs.pipelines.length,
      environments: inputs.environments.length,
      webhooks: inputs.webhooks.length,
      api_keys: inputs.apiKeys.length,
      secrets: inputs.secrets.length,
      run_logs: inputs.runs.filter((r) => r.logs).length,
      files: walk.files,
      skipped_files: walk.skipped,
      notes: walk.notes,
    },
  };
}
