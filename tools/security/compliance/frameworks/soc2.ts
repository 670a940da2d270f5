import type { FrameworkDef } from "./framework.js";

/** AICPA Trust Services Criteria (2017, revised points of focus 2022), Security common criteria. */
export const SOC2: FrameworkDef = {
  id: "SOC2",
  name: "SOC 2",
  automated: [
    { id: "CC6.1", title: "Logical access security over protected information assets", checks: ["no_plaintext_secrets", "api_keys_expire", "secrets_rotated"] },
    { id: "CC6.2", title: "Credentials are removed when access is no longer authorised", checks: ["expired_keys_revoked", "unused_keys_revoked"] },
    { id: "CC6.3", title: "Access is granted on least privilege", checks: ["api_keys_least_privilege"] },
    { id: "CC6.7", title: "Transmission of information is restricted and protected", checks: ["webhooks_https", "webhooks_signed"] },
    { id: "CC7.1", title: "Configurations and vulnerabilities are detected and monitored", checks: ["recent_security_scan", "no_plaintext_secrets"] },
    { id: "CC7.2", title: "System components are monitored for anomalies", checks: ["key_use_normal", "audit_trail"] },
    { id: "CC8.1", title: "Changes are authorised, tested and approved before deployment", checks: ["production_protected", "change_gates"] },
  ],
  manual: [
    { id: "CC1.1", title: "Commitment to integrity and ethical values", evidence: "code of conduct and signed acknowledgements" },
    { id: "CC1.4", title: "Commitment to competence", evidence: "hiring and background-check records, role descriptions, training records" },
    { id: "CC2.2", title: "Internal communication of security responsibilities", evidence: "published security policies and proof staff received them" },
    { id: "CC3.2", title: "Risk identification and analysis", evidence: "risk register and the latest risk assessment" },
    { id: "CC6.4", title: "Physical access to facilities", evidence: "office access controls and the hosting provider's SOC 2 report" },
    { id: "CC7.4", title: "Incident response", evidence: "incident response plan and post-incident reviews" },
    { id: "CC9.2", title: "Vendor and business partner risk", evidence: "vendor inventory, assessments and contracts" },
    { id: "A1.2", title: "Backup and recovery", evidence: "backup policy and restore test records" },
  ],
};
