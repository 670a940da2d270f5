import type { FrameworkDef } from "./framework.js";

/** HIPAA Security Rule, 45 CFR Part 164 Subpart C. */
export const HIPAA: FrameworkDef = {
  id: "HIPAA",
  name: "HIPAA",
  automated: [
    { id: "§164.308(a)(1)(ii)(D)", title: "Information system activity review", checks: ["audit_trail", "key_use_normal"] },
    { id: "§164.308(a)(8)", title: "Evaluation", checks: ["recent_security_scan"] },
    { id: "§164.312(a)(1)", title: "Access control", checks: ["api_keys_least_privilege", "expired_keys_revoked", "unused_keys_revoked"] },
    { id: "§164.312(b)", title: "Audit controls", checks: ["audit_trail"] },
    { id: "§164.312(c)(1)", title: "Integrity", checks: ["production_protected", "change_gates", "webhooks_signed"] },
    { id: "§164.312(d)", title: "Person or entity authentication", checks: ["no_plaintext_secrets", "api_keys_expire", "secrets_rotated"] },
    { id: "§164.312(e)(1)", title: "Transmission security", checks: ["webhooks_https"] },
  ],
  manual: [
    { id: "§164.308(a)(1)(ii)(A)", title: "Risk analysis", evidence: "the documented risk analysis" },
    { id: "§164.308(a)(2)", title: "Assigned security responsibility", evidence: "the named security official" },
    { id: "§164.308(a)(5)", title: "Security awareness and training", evidence: "training programme and records" },
    { id: "§164.308(a)(7)", title: "Contingency plan", evidence: "backup, disaster recovery and emergency mode plans" },
    { id: "§164.310(a)(1)", title: "Facility access controls", evidence: "facility security plan or the hosting provider's attestation" },
    { id: "§164.314(a)", title: "Business associate contracts", evidence: "signed business associate agreements" },
    { id: "§164.316", title: "Policies, procedures and documentation", evidence: "written policies kept for six years" },
  ],
};
