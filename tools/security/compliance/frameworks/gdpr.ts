import type { FrameworkDef } from "./framework.js";

/** GDPR (Regulation (EU) 2016/679): the security of processing and the articles that need people's evidence. */
export const GDPR: FrameworkDef = {
  id: "GDPR",
  name: "GDPR",
  automated: [
    { id: "Art. 25(2)", title: "Data protection by default: only the access each purpose needs", checks: ["api_keys_least_privilege"] },
    { id: "Art. 32(1)(a)", title: "Encryption of personal data in transit", checks: ["webhooks_https"] },
    {
      id: "Art. 32(1)(b)",
      title: "Ongoing confidentiality and integrity of processing systems",
      checks: ["no_plaintext_secrets", "secrets_rotated", "api_keys_expire", "expired_keys_revoked", "unused_keys_revoked", "webhooks_signed", "production_protected"],
    },
    { id: "Art. 32(1)(d)", title: "Regular testing and evaluation of security measures", checks: ["recent_security_scan"] },
    { id: "Art. 33", title: "Ability to detect a personal data breach in time to notify within 72 hours", checks: ["key_use_normal", "audit_trail"] },
  ],
  manual: [
    { id: "Art. 13–14", title: "Information to data subjects", evidence: "privacy notices" },
    { id: "Art. 15–22", title: "Data subject rights", evidence: "procedure and log of access, erasure and portability requests" },
    { id: "Art. 28", title: "Processors", evidence: "data processing agreements with every processor" },
    { id: "Art. 30", title: "Records of processing activities", evidence: "the record of processing activities" },
    { id: "Art. 35", title: "Data protection impact assessment", evidence: "DPIAs for high-risk processing" },
    { id: "Art. 37", title: "Data protection officer", evidence: "DPO designation, where required" },
    { id: "Art. 44–49", title: "Transfers outside the EEA", evidence: "transfer mechanisms (SCCs, adequacy decisions)" },
  ],
};
