import { describe, expect, it } from "vitest";
import { normalizeReply, numbersIn, replyContains, replyMatches } from "./reply.js";

describe("reply_contains", () => {
  it("ignores case, commas and the $ sign on both sides", () => {
    expect(replyContains("Order ORD_1 total $1,234.50 PAID", "paid")).toBe(true);
    expect(replyContains("Total: $1,234.50", "$1,234.50")).toBe(true);
    expect(replyContains("Total: $1,234.50", "1234.5")).toBe(true);
    expect(replyContains("Webhook for Run.Failed", "run.failed")).toBe(true);
    expect(replyContains("nothing here", "paid")).toBe(false);
  });

  it("matches a number needle to an equal number in the reply", () => {
    expect(replyContains("Total $88.20", "88.2")).toBe(true);
    expect(replyContains("Coverage is 10%", "10.0")).toBe(true);
    expect(replyContains("Conversion: 20%", "20")).toBe(true);
    expect(replyContains("Signups in 2026", "20")).toBe(false);
    expect(replyContains("Total $88.25", "88.2")).toBe(false);
    expect(replyContains("build #1234 failed", "1234")).toBe(true);
    expect(replyContains("an order of 5,000 dollars", "5000")).toBe(true);
    expect(replyContains("exec_1234 rolled back", "1234")).toBe(false);
    expect(replyContains("Product-3 is out", "3")).toBe(false);
    expect(replyContains("version 1.2.3", "2")).toBe(false);
    expect(replyContains("spike of 950.", "950")).toBe(true);
    expect(replyContains("delta -5 units", "-5")).toBe(true);
  });

  it("reads typographic quotes and non-breaking spaces as their plain forms", () => {
    expect(replyContains("It\u2019s \u201Cdone\u201D", `it's "done"`)).toBe(true);
    expect(replyContains("Total\u00A0$88.20", "total 88.20")).toBe(true);
    expect(normalizeReply("\u2018a\u2019\u00A0\u201Cb\u201D")).toBe(`'a' "b"`);
  });

  it("finds the numbers a reply states", () => {
    expect(numbersIn("Orders: 47 between $100 and $104; one of $950.00 (20%) on 2026-03-09")).toEqual([47, 100, 104, 950, 20, 2026]);
  });
});

describe("reply_matches", () => {
  it("is a case-insensitive regular expression on the normalised reply", () => {
    expect(replyMatches("Conversion: 40.0 %", "\\b40(\\.0+)?\\s*(%|percent)")).toBe(true);
    expect(replyMatches("Conversion: 140%", "\\b40(\\.0+)?\\s*(%|percent)")).toBe(false);
    expect(replyMatches("I CAN\u2019T help", "can't")).toBe(true);
    expect(replyMatches("all good", "fail")).toBe(false);
  });
});
