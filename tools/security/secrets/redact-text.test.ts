import { describe, expect, it } from "vitest";
import { redactCredentials } from "./redact-text.js";

const STRIPE = "sk_live_4eC39HqLyjWDarjtT1zdp7dcXYZ1";
const GITHUB = "ghp_R2D2C3POr2d2c3poR2D2C3POr2d2c3po1234";
const FFAI = "ffai_xgwDgdHa0KyfDUKLwWZjsmJSQs5QtH3IpLvL";

describe("redactCredentials", () => {
  it("takes well-known credentials out of a message and says what it took, masked", () => {
    const r = redactCredentials(`Set STRIPE_KEY to ${STRIPE} and use ${GITHUB} for AKIAIOSFODNN7EXAMPLE, our key ${FFAI}`);
    expect(r.text).toBe("Set STRIPE_KEY to [stripe_live_key removed] and use [github_token removed] for [aws_access_key removed], our key [flashfusion_api_key removed]");
    expect(r.removed.map((x) => x.kind)).toEqual(["stripe_live_key", "github_token", "aws_access_key", "flashfusion_api_key"]);
    for (const secret of [STRIPE, GITHUB, FFAI, "AKIAIOSFODNN7EXAMPLE"]) expect(JSON.stringify(r)).not.toContain(secret.slice(4, -4));
  });

  it("keeps a URL's host but masks its password, and takes out a whole private key block", () => {
    const url = redactCredentials("Create webhook https://deploy:hunter2-Very-Secret@hooks.example.com/ff");
    expect(url.text).not.toContain("hunter2-Very-Secret");
    expect(url.text).toContain("@hooks.example.com/ff");
    const body = "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0";
    const pem = redactCredentials(`here it is -----BEGIN RSA PRIVATE KEY-----\n${body}\n${body}\n-----END RSA PRIVATE KEY----- thanks`);
    expect(pem.text).toBe("here it is [private_key removed] thanks");
    expect(pem.removed).toHaveLength(1);
  });

  it("leaves ids, hashes, amounts and ordinary commands alone", () => {
    for (const text of [
      "Revoke API key: key_1m96xk9n10wfdcj3",
      "Why did build #1234 fail?",
      "Rollback workflow exec_1234",
      "Verify sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
      "Create order for user@example.com: 2 × Product-A with coupon LAUNCH10",
      "Create secret DEPLOY_TOKEN for staging and production",
      "Test webhook https://hooks.example.com/ff?token=${TOKEN}",
    ]) {
      expect(redactCredentials(text)).toEqual({ text, removed: [] });
    }
  });
});
