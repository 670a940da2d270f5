import type { FrameworkDef } from "./framework.js";

/** ISO/IEC 27001:2022 Annex A controls. */
export const ISO27001: FrameworkDef = {
  id: "ISO27001",
  name: "ISO/IEC 27001:2022",
  automated: [
    { id: "A.5.14", title: "Information transfer", checks: ["webhooks_https", "webhooks_signed"] },
    { id: "A.5.15", title: "Access control", checks: ["api_keys_least_privilege"] },
    { id: "A.5.17", title: "Authentication information", checks: ["no_plaintext_secrets", "secrets_rotated", "api_keys_expire"] },
    { id: "A.5.18", title: "Access rights", checks: ["expired_keys_revoked", "unused_keys_revoked"] },
    { id: "A.8.8", title: "Management of technical vulnerabilities", checks: ["recent_security_scan"] },
    { id: "A.8.15", title: "Logging", checks: ["audit_trail"] },
    { id: "A.8.16", title: "Monitoring activities", checks: ["key_use_normal"] },
    { id: "A.8.24", title: "Use of cryptography", checks: ["webhooks_https"] },
    { id: "A.8.32", title: "Change management", checks: ["production_protected", "change_gates"] },
  ],
  manual: [
    { id: "A.5.1", title: "Policies for information security", evidence: "approved information security policy and its review record" },
    { id: "A.5.24", title: "Incident management planning and preparation", evidence: "incident management procedure and roles" },
    { id: "A.5.30", title: "ICT readiness for business continuity", evidence: "continuity plan and its latest test" },
    { id: "A.6.3", title: "Information security awareness, education and training", evidence: "training programme and attendance records" },
    { id: "A.7.1", title: "Physical security perimeters", evidence: "site security measures or the hosting provider's certificate" },
    { id: "A.8.13", title: "Information backup", evidence: "backup policy and restore test records" },
  ],
};
