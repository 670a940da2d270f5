import type { AnyTool } from "../define.js";
import type { ServiceFactory } from "../services.js";
import { generateComplianceReport } from "./compliance/generate-compliance-report.js";
import { scoreCvssTool } from "./cvss/score-cvss.js";
import { checkExpiringKeys } from "./hygiene/check-expiring-keys.js";
import { findStaleSecrets } from "./hygiene/find-stale-secrets.js";
import { findUnusedKeys } from "./hygiene/find-unused-keys.js";
import { compareScans } from "./scans/compare-scans.js";
import { listScans } from "./scans/list-scans.js";
import { runSecurityScan } from "./scans/run-security-scan.js";
import { showScan } from "./scans/show-scan.js";

/** SecurityAuditor's tools (it also holds revoke_api_key and list_api_keys from the CICD domain). */
export const securityTools: readonly AnyTool[] = [
  runSecurityScan,
  listScans,
  showScan,
  compareScans,
  scoreCvssTool,
  generateComplianceReport,
  checkExpiringKeys,
  findStaleSecrets,
  findUnusedKeys,
];

/** Scans run within the call (bounded repository walks); no long-lived collaborator is needed. */
export const securityServices: ServiceFactory = () => ({});
