import { describe, expect, it } from "vitest";
import { Allowlist, parseAllowlist } from "./allowlist.js";
import { detectSecrets, type SecretMatch } from "./detect.js";
import { shannonEntropy } from "./entropy.js";
import { maskSecret } from "./mask.js";
import type { SecretRuleId } from "./rules.js";

/**
 * Tokens are assembled at run time so that the source never holds a string that secret
 * scanners (ours, or a code host's push protection) would take for a live credential.
 */
const t = (...parts: string[]) => parts.join("");
const ALNUM36 = "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
const TOKENS: Record<Exclude<SecretRuleId, "generic_secret" | "url_credentials">, string> = {
  aws_access_key: t("AKIA", "IOSFODNN7", "EXAMPLE"),
  aws_secret_key: t("wJalrXUtnFEMI/K7MDENG/", "bPxRfiCYEXAMPLEKEY"),
  github_token: t("ghp", "_", ALNUM36),
  stripe_live_key: t("sk", "_live_", "4eC39HqLyjWDarjtT1zdp7dc"),
  slack_token: t("xox", "b-", "123456789012-1234567890123-", "AbCdEfGhIjKlMnOpQrStUvWx"),
  private_key: t("-----BEGIN RSA ", "PRIVATE KEY-----\n", "MIIEowIBAAKCAQEA7bq98Ss8kYq3nPq1Z5Qf0cX8Yb2Jb9Lw3mT6aV5sNnE1dRkq\n", "-----END RSA PRIVATE KEY-----"),
};

const rules = (found: SecretMatch[]) => found.map((m) => m.rule);

describe("secret rules", () => {
  it.each([
    ["aws_access_key", `AWS_ACCESS_KEY_ID=${TOKENS.aws_access_key} aws s3 sync out/ s3://acme`],
    ["aws_secret_key", `export AWS_SECRET_ACCESS_KEY=${TOKENS.aws_secret_key}`],
    ["github_token", `git clone https://x-access-token@github.com/acme/app --token ${TOKENS.github_token}`],
    ["stripe_live_key", `STRIPE_KEY: "${TOKENS.stripe_live_key}"`],
    ["slack_token", `curl -H "Authorization: Bearer ${TOKENS.slack_token}" https://slack.com/api/chat.postMessage`],
    ["private_key", `key: |\n${TOKENS.private_key}`],
  ] as const)("%s finds its token", (rule, text) => {
    const found = detectSecrets(text);
    expect(rules(found)).toEqual([rule]);
  });

  it.each([
    ["aws_access_key", "one character short", `echo ${TOKENS.aws_access_key.slice(0, -1)}`],
    ["aws_access_key", "lower case", `echo ${TOKENS.aws_access_key.toLowerCase()}`],
    ["aws_secret_key", "39 characters", `AWS_SECRET_ACCESS_KEY=${TOKENS.aws_secret_key.slice(0, 39)}`],
    ["aws_secret_key", "40 characters under another name", `BUILD_CHECKSUM=${TOKENS.aws_secret_key}`],
    ["github_token", "35 characters", `echo ${t("ghp", "_", ALNUM36.slice(0, 35))}`],
    ["github_token", "unknown prefix", `echo ${t("ghx", "_", ALNUM36)}`],
    ["stripe_live_key", "test mode", `echo ${t("sk", "_test_", "4eC39HqLyjWDarjtT1zdp7dc")}`],
    ["slack_token", "unknown kind", `echo ${t("xox", "z-", "123456789012-1234567890123")}`],
    ["private_key", "a public key", TOKENS.private_key.replace(/RSA PRIVATE/g, "PUBLIC")],
    ["private_key", "a header without key material", "Paste your key after -----BEGIN PRIVATE KEY----- in the form."],
  ] as const)("%s ignores a near miss: %s", (rule, _what, text) => {
    expect(rules(detectSecrets(text))).not.toContain(rule);
    expect(detectSecrets(text, { skip: new Set(["generic_secret"]) })).toEqual([]);
  });

  it("a near miss assigned to a secret-sounding name is still caught by the generic rule", () => {
    expect(rules(detectSecrets(`AWS_SECRET_ACCESS_KEY=${TOKENS.aws_secret_key.slice(0, 39)}`))).toEqual(["generic_secret"]);
  });

  it("finds credentials in a URL, but not a URL without a password or with a reference", () => {
    const password = ["hunter2", "hunter2"].join("");
    expect(rules(detectSecrets(`https://deploy:${password}@hooks.example.com/ci`))).toEqual(["url_credentials"]);
    expect(detectSecrets("https://deploy@hooks.example.com/ci")).toEqual([]);
    expect(detectSecrets("https://deploy:${HOOK_PASSWORD}@hooks.example.com/ci")).toEqual([]);
  });

  it("the generic rule needs a secret-sounding name and a high-entropy value", () => {
    const value = "Zx9Qw2Lp7Rt5Vb3Nm8Kd";
    expect(shannonEntropy(value)).toBeGreaterThan(3.5);
    expect(rules(detectSecrets(`DB_PASSWORD=${value}`))).toEqual(["generic_secret"]);
    expect(rules(detectSecrets(value, { name: "apiToken" }))).toEqual(["generic_secret"]);
    expect(rules(detectSecrets(`"client_secret": "${value}"`))).toEqual(["generic_secret"]);
    expect(rules(detectSecrets(`./deploy --password ${value}`))).toEqual(["generic_secret"]);
    // Near misses: a low-entropy value, a reference, a name that says nothing about secrets.
    expect(detectSecrets("DB_PASSWORD=aaaaaaaaaaaaaaaaaaaaaaaa1")).toEqual([]);
    expect(detectSecrets("DB_PASSWORD=${{ secrets.DB_PASSWORD }}")).toEqual([]);
    expect(detectSecrets(`BUILD_ID=${value}`)).toEqual([]);
    expect(detectSecrets(value, { name: "COMMIT_SHA" })).toEqual([]);
  });

  it("prefix rules fire on format alone, whatever the entropy or the name", () => {
    const regular = t("AKIA", "AAAAAAAAAAAAAAAA");
    expect(shannonEntropy(regular)).toBeLessThan(1.5);
    expect(rules(detectSecrets(`note=${regular}`))).toEqual(["aws_access_key"]);
  });

  it("reports each secret once, with its line and a masked preview only", () => {
    const text = `step one\nAWS_ACCESS_KEY_ID=${TOKENS.aws_access_key}\nGH=${TOKENS.github_token}`;
    const found = detectSecrets(text);
    expect(found.map((m) => [m.rule, m.line, m.preview])).toEqual([
      ["aws_access_key", 2, "AKIA…MPLE"],
      ["github_token", 3, `ghp_…${ALNUM36.slice(-4)}`],
    ]);
    const serialized = JSON.stringify(found);
    for (const token of Object.values(TOKENS)) expect(serialized).not.toContain(token);
  });

  it("masks long, medium and short secrets", () => {
    expect(maskSecret(TOKENS.aws_access_key)).toBe("AKIA…MPLE");
    expect(maskSecret("abcdefghijklmn")).toBe("ab…mn");
    expect(maskSecret("short")).toBe("…");
  });
});

describe("allowlist", () => {
  const text = `GH=${TOKENS.github_token}\nAWS=${TOKENS.aws_access_key}`;

  it("allows by path, by rule on a path, and by rule on one line — never by the token", () => {
    const list = new Allowlist(parseAllowlist("test/fixtures/**   # fixtures\ngithub_token:docs/*.md\naws_access_key:src/app.ts:2\n"));
    expect(list.size).toBe(3);
    expect(list.rulesSkipped("test/fixtures/deep/key.txt").size).toBeGreaterThan(5);
    expect([...list.rulesSkipped("docs/setup.md")]).toEqual(["github_token"]);
    expect(list.allows("src/app.ts", "aws_access_key", 2)).toBe(true);
    expect(list.allows("src/app.ts", "aws_access_key", 3)).toBe(false);
    expect(list.allows("src/app.ts", "github_token", 1)).toBe(false);
    expect(list.allows("docs/deep/setup.md", "github_token", 1)).toBe(false);
    const skipped = detectSecrets(text, { skip: list.rulesSkipped("docs/setup.md") });
    expect(rules(skipped)).toEqual(["aws_access_key"]);
  });

  it("keeps the generic rule off lock files but not the prefix rules", () => {
    const list = new Allowlist();
    const value = "Zx9Qw2Lp7Rt5Vb3Nm8Kd";
    const lock = `"integrity": "sha512-${value}${value}==",\n"token": "${value}"\n${TOKENS.github_token}`;
    expect(rules(detectSecrets(lock, { skip: list.rulesSkipped("package-lock.json") }))).toEqual(["github_token"]);
    expect(rules(detectSecrets(lock, { skip: list.rulesSkipped("src/config.json") }))).toContain("generic_secret");
  });
});
