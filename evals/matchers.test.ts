import { describe, expect, it } from "vitest";
import { FieldError } from "./errors.js";
import { matches, mismatch, validateMatcher } from "./matchers.js";

const ctx = { now: new Date("2026-03-10T09:00:00Z") };
const yes = (actual: unknown, expected: unknown) => expect(matches(actual, expected, ctx), `${JSON.stringify(actual)} ~ ${JSON.stringify(expected)}`).toBe(true);
const no = (actual: unknown, expected: unknown) => expect(matches(actual, expected, ctx), `${JSON.stringify(actual)} !~ ${JSON.stringify(expected)}`).toBe(false);

describe("plain values", () => {
  it("compares numbers within 1e-6, strings exactly, booleans and null", () => {
    yes(88.2, 88.2);
    yes(88.2, 88.20000001);
    no(88.2, 88.21);
    no("88.2", 88.2);
    yes("paid", "paid");
    no("Paid", "paid");
    yes(true, true);
    no(false, true);
    yes(null, null);
    yes(undefined, null);
    no("x", null);
  });

  it("compares times as instants, relative time strings included", () => {
    yes("2026-03-13T09:00:00.000Z", "2026-03-13T09:00:00Z");
    yes("2026-03-13T09:00:00.000Z", "2026-03-13T10:00:00+01:00");
    yes("2026-03-07T09:00:00.000Z", "now-3d");
    no("2026-03-07T09:00:01.000Z", "now-3d");
    no("now", "2026-03-10T09:00:00Z");
  });

  it("matches plain objects partially and arrays element by element", () => {
    yes({ sku: "Product-A", quantity: 2, unit_price: 49 }, { sku: "Product-A", quantity: 2 });
    no({ sku: "Product-A", quantity: 3 }, { sku: "Product-A", quantity: 2 });
    no("Product-A", { sku: "Product-A" });
    yes({ content: "x", subject: "y" }, { content: "x" });
    yes({ a: null }, { b: null });
    yes([{ name: "a", status: "ok" }, { name: "b" }], [{ name: "a" }, { name: "b" }]);
    no([{ name: "a" }], [{ name: "a" }, { name: "b" }]);
  });
});

describe("operators", () => {
  it("$contains: substring case-insensitive, or an array element equal to or matching X", () => {
    yes("Call ACME Friday", { $contains: "call acme" });
    no("Call ACME Friday", { $contains: "Monday" });
    yes(["a11y", "ux"], { $contains: "a11y" });
    no(["A11Y"], { $contains: "a11y" });
    yes([{ sku: "Product-A", quantity: 2, unit_price: 49 }], { $contains: { sku: "Product-A", quantity: 2, unit_price: 49 } });
    no([{ sku: "Product-A", quantity: 1 }], { $contains: { sku: "Product-A", quantity: 2 } });
    yes([{ severity: "high", cvss_score: 7.5 }], { $contains: { severity: { $in: ["high", "critical"] }, cvss_score: { $gte: 7 } } });
    no([{ severity: "high", cvss_score: 6.5 }], { $contains: { severity: { $in: ["high", "critical"] }, cvss_score: { $gte: 7 } } });
    yes([3, 5], { $contains: { $gt: 4 } });
    no(42, { $contains: "4" });
    no(null, { $contains: "x" });
  });

  it("$all: an element matching each", () => {
    yes(["run.failed", "run.started"], { $all: ["run.started", "run.failed"] });
    no(["run.failed"], { $all: ["run.started", "run.failed"] });
    yes([{ name: "a" }, { name: "b" }], { $all: [{ name: "b" }] });
    no("run.failed", { $all: ["run.failed"] });
  });

  it("$regex: case-insensitive, strings only", () => {
    yes("Build FAILED at step test", { $regex: "failed at step \\w+" });
    no("passed", { $regex: "^fail" });
    no(12, { $regex: "12" });
  });

  it("$gt $gte $lt $lte on numbers and on times", () => {
    yes(5, { $gt: 4 });
    no(4, { $gt: 4 });
    yes(4, { $gte: 4 });
    yes(3.9, { $lt: 4 });
    no(4, { $lt: 4 });
    yes(4, { $lte: 4 });
    no("5", { $gt: 4 });
    yes("2026-03-13T09:00:00.000Z", { $gte: "2026-03-13T09:00:00Z", $lte: "2026-03-13T09:00:00Z" });
    no("2026-03-13T09:00:01.000Z", { $gte: "2026-03-13T09:00:00Z", $lte: "2026-03-13T09:00:00Z" });
    yes("2026-03-10T08:00:00.000Z", { $lt: "now" });
    no("2026-03-10T08:00:00.000Z", { $lt: "now-2h" });
    no(null, { $lt: "now" });
  });

  it("several operators in one object must all hold", () => {
    yes(50, { $gte: 0, $lt: 100 });
    no(100, { $gte: 0, $lt: 100 });
    yes("launch day", { $contains: "launch", $len: { $lte: 280 } });
    no("launch".repeat(50), { $contains: "launch", $len: { $lte: 280 } });
  });

  it("$in: equal to one of the list", () => {
    yes("rolled_back", { $in: ["failed", "rolled_back"] });
    no("completed", { $in: ["failed", "rolled_back"] });
    yes(10.0000001, { $in: [10, 20] });
    yes("2026-03-10T09:00:00.000Z", { $in: ["now"] });
  });

  it("$exists: present and not null, or absent or null", () => {
    yes("2026-03-09T09:00:00.000Z", { $exists: true });
    no(null, { $exists: true });
    no(undefined, { $exists: true });
    yes(null, { $exists: false });
    yes(undefined, { $exists: false });
    no(0, { $exists: false });
  });

  it("$len: strings and arrays, a number or a numeric matcher", () => {
    yes([1, 2], { $len: 2 });
    no([1, 2, 3], { $len: 2 });
    yes("abc", { $len: 3 });
    yes([1], { $len: { $gte: 1 } });
    no([], { $len: { $gte: 1 } });
    no(12, { $len: 2 });
  });

  it("$not: the inner matcher fails", () => {
    yes([{ severity: "low" }], { $not: { $contains: { severity: { $in: ["high", "critical"] } } } });
    no([{ severity: "critical" }], { $not: { $contains: { severity: { $in: ["high", "critical"] } } } });
    yes("paid", { $not: "failed" });
    no("failed", { $not: "failed" });
  });
});

describe("what a mismatch says", () => {
  it("names what was expected and what was found, with the path inside objects", () => {
    expect(mismatch(98, 88.2, ctx)).toBe("expected 88.2, found 98");
    expect(mismatch({ content: "hello" }, { content: { $contains: "launch" } }, ctx)).toBe('content: expected a string containing "launch", found "hello"');
    expect(mismatch(0, { $gte: 1 }, ctx)).toBe("expected ≥ 1, found 0");
    expect(mismatch(undefined, { $exists: true }, ctx)).toBe("expected a value, found none");
    expect(mismatch([1, 2, 3], { $len: 1 }, ctx)).toBe("length: expected 1, found 3");
    expect(mismatch([{ name: "a" }], [{ name: "b" }], ctx)).toBe('[0]: name: expected "b", found "a"');
    expect(mismatch("x".repeat(500), "y", ctx)!.length).toBeLessThan(200);
  });
});

describe("checking matchers before a case runs", () => {
  it.each([
    [{ $contians: "x" }, "m.$contians", "unknown operator"],
    [{ $gt: 1, plain: 2 }, "m.plain", "only operators"],
    [{ $regex: "(" }, "m.$regex", "valid regular expression"],
    [{ $in: "paid" }, "m.$in", "a list"],
    [{ $all: { a: 1 } }, "m.$all", "a list"],
    [{ $exists: "yes" }, "m.$exists", "true or false"],
    [{ $len: -1 }, "m.$len", "whole number"],
    [{ $len: { $gte: "x" } }, "m.$len.$gte", "a number or a time"],
    [{ $gt: "tomorrow" }, "m.$gt", "a number or a time"],
    [{ items: { $contains: { qty: { $bogus: 1 } } } }, "m.items.$contains.qty.$bogus", "unknown operator"],
    [[{ $not: { $nope: 1 } }], "m[0].$not.$nope", "unknown operator"],
  ])("refuses %j at %s", (matcher, path, reason) => {
    try {
      validateMatcher(matcher, "m");
      expect.unreachable("the matcher should have been refused");
    } catch (e) {
      expect(e).toBeInstanceOf(FieldError);
      expect((e as FieldError).path).toBe(path);
      expect((e as FieldError).reason).toContain(reason);
    }
  });

  it("accepts every operator used well", () => {
    expect(() =>
      validateMatcher(
        {
          a: { $contains: { sku: "A" } },
          b: { $all: ["x", { $regex: "y" }] },
          c: { $gte: "now-1d", $lt: "2026-03-13T09:00:00Z" },
          d: { $in: [1, 2] },
          e: { $exists: false },
          f: { $len: { $lte: 280 } },
          g: { $not: { $contains: "z" } },
          h: "plain",
        },
        "m",
      ),
    ).not.toThrow();
  });
});
