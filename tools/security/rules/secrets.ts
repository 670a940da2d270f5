import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Entities } from "../../../entities/index.js";
import { Allowlist, ALLOWLIST_FILE, parseAllowlist } from "../secrets/allowlist.js";
import { detectSecrets } from "../secrets/detect.js";
import type { SecretRuleId } from "../secrets/rules.js";
import { repositoryRoot, walkRepository, type RepoLimits, type RepoWalk } from "../sources/repository.js";
import type { TextSource } from "../sources/text-source.js";
import { makeFinding, type ScanFinding } from "./finding.js";

const NOUN: Readonly<Record<SecretRuleId, string>> = {
  aws_access_key: "An AWS access key",
  aws_secret_key: "An AWS secret access key",
  github_token: "A GitHub token",
  stripe_live_key: "A Stripe live key",
  slack_token: "A Slack token",
  private_key: "A private key",
  url_credentials: "A password in a URL",
  generic_secret: "A high-entropy credential",
};

/** The secrets in one text, as findings that carry a masked preview and never the value. */
export function secretFindings(source: TextSource, allowlist?: Allowlist): ScanFinding[] {
  const skip = source.path !== undefined && allowlist ? allowlist.rulesSkipped(source.path) : undefined;
  return detectSecrets(source.text, { name: source.name, skip })
    .filter((m) => !(source.path !== undefined && allowlist?.allows(source.path, m.rule, m.line)))
    .map((m) => {
      const line = source.multiline ? m.line : undefined;
      return makeFinding({
        rule: m.rule,
        where: source.where,
        line,
        preview: m.preview,
        description: `${NOUN[m.rule]} (${m.preview}) is in plain text in ${source.where}${line ? `, line ${line}` : ""}; anyone who can read it can use it.`,
      });
    });
}

async function loadAllowlist(root: string): Promise<Allowlist> {
  try {
    return new Allowlist(parseAllowlist(await readFile(join(root, ALLOWLIST_FILE), "utf8")));
  } catch {
    return new Allowlist();
  }
}

/** Secrets in the files of a local pipeline's working directory (bounded; see walkRepository). */
export async function repositoryFindings(
  pipeline: Entities["PipelineConfig"],
  stats: RepoWalk,
  options: { limits?: RepoLimits; signal?: AbortSignal } = {},
): Promise<ScanFinding[]> {
  if (pipeline.provider !== "local" || !pipeline.working_directory) return [];
  const root = repositoryRoot(pipeline.working_directory);
  const allowlist = await loadAllowlist(root);
  const findings: ScanFinding[] = [];
  for await (const file of walkRepository(root, stats, options.limits, options.signal)) {
    findings.push(
      ...secretFindings({ where: `repository of ${pipeline.name}: ${file.path}`, text: file.text, path: file.path, multiline: true }, allowlist),
    );
  }
  return findings;
}
