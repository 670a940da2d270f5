import { describe, expect, it } from "vitest";
import { keyPreview, redactText, redactValue } from "./redact.js";

describe("keys in what we show", () => {
  it("previews a key by its kind and last four characters only", () => {
    expect(keyPreview("sk-proj-abcdefghijklmnop1234")).toBe("sk-proj-…1234");
    expect(keyPreview("sk-ant-api03-xxxxxxxxxxxxZZZZ")).toBe("sk-ant-…ZZZZ");
    expect(keyPreview("short")).toBe("…");
  });

  it("redacts every occurrence of a secret in text and in nested values", () => {
    expect(redactText("bad key sk-123456 (sk-123456)", ["sk-123456"])).toBe("bad key [redacted] ([redacted])");
    expect(redactValue({ error: { message: 'key "sk-1"23456"' }, list: ["sk-1\"23456"] }, ['sk-1"23456'])).toEqual({
      error: { message: 'key "[redacted]"' },
      list: ["[redacted]"],
    });
  });
});
