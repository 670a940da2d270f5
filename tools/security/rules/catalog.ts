import { SECRET_RULE_IDS, type SecretRuleId } from "../secrets/rules.js";

export const CONFIG_RULE_IDS = [
  "production_unprotected",
  "webhook_plain_http",
  "webhook_unsigned",
  "api_key_no_expiry",
  "api_key_all_permissions",
  "api_key_unused",
  "api_key_expired_active",
  "api_key_used_after_expiry",
  "secret_not_rotated",
  "api_key_usage_spike",
  "api_key_refused_burst",
] as const;
export type ConfigRuleId = (typeof CONFIG_RULE_IDS)[number];
export type RuleId = SecretRuleId | ConfigRuleId;
export const RULE_IDS: readonly RuleId[] = [...SECRET_RULE_IDS, ...CONFIG_RULE_IDS];

export interface RuleDef {
  title: string;
  /**
   * The CVSS v3.1 base vector of the weakness this rule finds. Secrets: readable by anyone
   * who can read the configuration (PR:L); a known issuer's key reaches that issuer's systems
   * (S:C), a generic credential's reach is unknown (S:U). Key and secret hygiene: exploitable
   * only by someone who already holds the credential (AC:H).
   */
  vector: string;
  remediation: string;
}

const LEAKED_CREDENTIAL = "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H";

export const RULES: Readonly<Record<RuleId, RuleDef>> = {
  aws_access_key: {
    title: "AWS access key in plain text",
    vector: LEAKED_CREDENTIAL,
    remediation: "Deactivate the key in AWS IAM, issue a new one, store it as an encrypted Secret and reference it from the step.",
  },
  aws_secret_key: {
    title: "AWS secret access key in plain text",
    vector: LEAKED_CREDENTIAL,
    remediation: "Deactivate the access key pair in AWS IAM, issue a new one, store it as an encrypted Secret and reference it from the step.",
  },
  github_token: {
    title: "GitHub token in plain text",
    vector: LEAKED_CREDENTIAL,
    remediation: "Revoke the token on GitHub, create a new one with the fewest scopes and store it as an encrypted Secret.",
  },
  stripe_live_key: {
    title: "Stripe live key in plain text",
    vector: "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:N",
    remediation: "Roll the key in the Stripe dashboard, prefer a restricted key, and store it as an encrypted Secret.",
  },
  slack_token: {
    title: "Slack token in plain text",
    vector: "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:L/A:N",
    remediation: "Revoke the token in the Slack app settings, issue a new one and store it as an encrypted Secret.",
  },
  private_key: {
    title: "Private key in plain text",
    vector: "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:N",
    remediation: "Treat the key pair as compromised: replace it, remove the block from the configuration or repository (and its history), and keep the new key in a Secret.",
  },
  url_credentials: {
    title: "Credentials embedded in a URL",
    vector: "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N",
    remediation: "Change the password, remove it from the URL and authenticate with a header or a signing secret instead.",
  },
  generic_secret: {
    title: "Hard-coded credential",
    vector: "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:L/A:N",
    remediation: "Rotate the credential and move it into an encrypted Secret referenced by name.",
  },
  production_unprotected: {
    title: "Production environment without protection",
    vector: "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:N/I:H/A:H",
    remediation: "Enable protection on the environment so that deployments to it need an approval.",
  },
  webhook_plain_http: {
    title: "Webhook delivers over plain HTTP",
    vector: "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:L/A:N",
    remediation: "Change the webhook URL to https:// so that payloads are encrypted in transit.",
  },
  webhook_unsigned: {
    title: "Webhook without a signing secret",
    vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:L/A:N",
    remediation: "Set a signing secret on the webhook and verify the signature on the receiving side.",
  },
  api_key_no_expiry: {
    title: "API key that never expires",
    vector: "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:L/A:N",
    remediation: "Replace the key with one that has an expiry date (90 days or less) and revoke the old one.",
  },
  api_key_all_permissions: {
    title: "API key with every pipeline permission",
    vector: "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:L/A:L",
    remediation: "Issue keys with only the permissions and pipelines each client needs (least privilege), then revoke this one.",
  },
  api_key_unused: {
    title: "API key unused for a long time",
    vector: "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:N/A:N",
    remediation: "Revoke the key if nobody needs it; a dormant key is a credential nobody watches.",
  },
  api_key_expired_active: {
    title: "Expired API key not revoked",
    vector: "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:L/A:N",
    remediation: "Revoke the expired key so that it cannot come back into use.",
  },
  api_key_used_after_expiry: {
    title: "API key used after its expiry",
    vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:N",
    remediation: "Revoke the key now, find the client still using it and check why the expired key was accepted.",
  },
  secret_not_rotated: {
    title: "Secret not rotated",
    vector: "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:L/A:N",
    remediation: "Rotate the secret at its provider and update its value; rotate at least every 90 days.",
  },
  api_key_usage_spike: {
    title: "Unusual surge in API key use",
    vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:L/A:N",
    remediation: "Check the key's recent calls in the audit log; if the use is not expected, revoke the key and issue a new one.",
  },
  api_key_refused_burst: {
    title: "Burst of refused requests with an API key",
    vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:N",
    remediation: "Find who holds the key and what they try to reach; revoke the key if the attempts are not expected.",
  },
};

export function isSecretRule(rule: string): rule is SecretRuleId {
  return (SECRET_RULE_IDS as readonly string[]).includes(rule);
}
