import type { ScanInputs } from "../scans/inputs.js";
import { makeFinding, type ScanFinding } from "./finding.js";

/** Production by type, or by a name that says so (an environment called "prod" typed as staging). */
export function isProduction(env: { name: string; type: string }): boolean {
  return env.type === "production" || /\bprod(uction)?\b/i.test(env.name);
}

export function checkEnvironments(inputs: ScanInputs): ScanFinding[] {
  return inputs.environments
    .filter((env) => isProduction(env) && !env.protection_enabled)
    .map((env) => {
      const deployers = inputs.pipelines.filter((p) => p.environment_id === env.id).map((p) => p.name);
      const who = deployers.length ? `${deployers.join(", ")} deploy${deployers.length === 1 ? "s" : ""}` : "deployments go";
      return makeFinding({
        rule: "production_unprotected",
        where: `environment ${env.name}`,
        description: `Production environment ${env.name} has protection disabled: ${who} to it without anyone's approval.`,
      });
    });
}
