import { describe, expect, it } from "vitest";
import { ArithmeticError, evaluate } from "./arithmetic.js";
import { FieldError } from "./errors.js";
import { expandGiven, expandTemplates, resolveTimes } from "./given.js";
import { expectedInstant, isoInstant, resolveRelativeTime } from "./time-strings.js";

const NOW = new Date("2026-03-10T09:00:00Z");

describe("template arithmetic", () => {
  it.each([
    ["i", 4],
    ["100 + i", 104],
    ["1 + 2 * 3", 7],
    ["(1 + 2) * 3", 9],
    ["10 - 4 - 3", 3],
    ["100 / 10 / 5", 2],
    ["7 / 2", 3],
    ["-7 / 2", -3],
    ["100 + i % 3", 101],
    ["i+2", 6],
    ["  ( i + 1 ) * ( i - 1 )  ", 15],
    ["2 * -3", -6],
    ["-(i - 10)", 6],
    ["0 * -1", 0],
  ])("%s = %i (i = 4)", (source, value) => {
    expect(evaluate(source, { i: 4 })).toBe(value);
  });

  it.each([
    ["1 +", "ends too early"],
    ["(1 + 2", 'missing ")"'],
    ["1 2", 'unexpected "2"'],
    ["j + 1", 'unknown name "j"'],
    ["1 / (i - 4)", "division by zero"],
    ["i % 0", "division by zero"],
    ["2 ** 3", 'unexpected "*"'],
    ["1.5", 'unexpected "."'],
    ["", "empty expression"],
  ])("refuses %j: %s", (source, reason) => {
    expect(() => evaluate(source, { i: 4 })).toThrow(ArithmeticError);
    expect(() => evaluate(source, { i: 4 })).toThrow(reason);
  });
});

describe("time strings", () => {
  it.each([
    ["now", "2026-03-10T09:00:00.000Z"],
    ["now-2h", "2026-03-10T07:00:00.000Z"],
    ["now+3d", "2026-03-13T09:00:00.000Z"],
    ["now-1d+30m", "2026-03-09T09:30:00.000Z"],
    ["now-0h", "2026-03-10T09:00:00.000Z"],
    ["now+1w-10s", "2026-03-17T08:59:50.000Z"],
  ])("%s is %s", (text, iso) => {
    expect(resolveRelativeTime(text, NOW)).toBe(iso);
  });

  it.each(["nowhere", "now-2", "now-2x", "now 2h", "Now", "snow-1h"])("%j is not a time string", (text) => {
    expect(resolveRelativeTime(text, NOW)).toBeUndefined();
  });

  it("reads ISO times as instants, zone-less ones in UTC", () => {
    expect(isoInstant("2026-03-13T09:00:00Z")).toBe(isoInstant("2026-03-13T09:00:00.000Z"));
    expect(isoInstant("2026-03-13T10:00:00+01:00")).toBe(Date.parse("2026-03-13T09:00:00Z"));
    expect(isoInstant("2026-03-13T09:00")).toBe(Date.parse("2026-03-13T09:00:00Z"));
    expect(isoInstant("2026-03-13")).toBe(Date.parse("2026-03-13T00:00:00Z"));
    expect(isoInstant("paid")).toBeUndefined();
    expect(isoInstant("now")).toBeUndefined();
    expect(expectedInstant("now+3d", NOW)).toBe(Date.parse("2026-03-13T09:00:00Z"));
  });
});

describe("given rows", () => {
  it("expands templates at any depth; a whole-value template becomes a number", () => {
    const row = { number: "{{100 + i}}", name: "run {{i * 2}} of {{ (i+1) }}", steps: [{ duration: "{{i}}", note: "x" }], nested: { a: { b: "{{i - 1}}" } } };
    expect(expandTemplates(row, { i: 3 }, "row")).toEqual({
      number: 103,
      name: "run 6 of 4",
      steps: [{ duration: 3, note: "x" }],
      nested: { a: { b: 2 } },
    });
  });

  it("expands templates before it reads time strings", () => {
    const expanded = expandTemplates({ timestamp: "now-{{i + 2}}h", at: "now-{{i}}d-1h" }, { i: 1 }, "row");
    expect(resolveTimes(expanded, NOW)).toEqual({ timestamp: "2026-03-10T06:00:00.000Z", at: "2026-03-09T08:00:00.000Z" });
  });

  it("turns YAML timestamps and nested time strings into ISO instants", () => {
    expect(resolveTimes({ a: new Date("2026-01-01T00:00:00Z"), b: ["now-1h"], c: { d: "later" } }, NOW)).toEqual({
      a: "2026-01-01T00:00:00.000Z",
      b: ["2026-03-10T08:00:00.000Z"],
      c: { d: "later" },
    });
  });

  it("repeats $times rows with {{i}} and keeps the written order", () => {
    const rows = expandGiven(
      {
        Event: [
          { $times: 3, event_name: "page_view", user_id: "u{{i}}", properties: { path: "/signup" }, timestamp: "now-{{i+2}}h" },
          { event_name: "page_view", user_id: "u99", timestamp: "now-3h" },
        ],
        PipelineRun: [{ $times: 2, pipeline_id: "pl_web", number: "{{100 + i}}", duration_seconds: "{{380 + i}}" }],
      },
      NOW,
    );
    expect(rows.map((r) => [r.entity, r.values.user_id ?? r.values.number, r.path])).toEqual([
      ["Event", "u0", "given.Event[0] (i=0)"],
      ["Event", "u1", "given.Event[0] (i=1)"],
      ["Event", "u2", "given.Event[0] (i=2)"],
      ["Event", "u99", "given.Event[1]"],
      ["PipelineRun", 100, "given.PipelineRun[0] (i=0)"],
      ["PipelineRun", 101, "given.PipelineRun[0] (i=1)"],
    ]);
    expect(rows[2]!.values.timestamp).toBe("2026-03-10T05:00:00.000Z");
    expect(rows[0]!.values).not.toHaveProperty("$times");
  });

  it("leaves {{…}} alone in rows without $times", () => {
    const [row] = expandGiven({ Draft: [{ tool_type: "email", form_data: { content: "Hi {{name}}" } }] }, NOW);
    expect(row!.values.form_data).toEqual({ content: "Hi {{name}}" });
  });

  it("inserts a $times: 0 row no times", () => {
    expect(expandGiven({ Event: [{ $times: 0, event_name: "x" }] }, NOW)).toEqual([]);
  });

  it.each([
    [{ Produt: [{ sku: "A" }] }, "given.Produt", "unknown entity"],
    [{ Product: [{ sku: "A", price: 1, colour: "red" }] }, "given.Product[0].colour", "Product has no field colour"],
    [{ User: [{ email: "a@example.com", role: "boss" }] }, "given.User[0].role", ""],
    [{ Product: [{ sku: "A", price: 1.234 }] }, "given.Product[0].price", "exact to the cent"],
    [{ Event: [{ $times: -1, event_name: "x" }] }, "given.Event[0].$times", "whole number"],
    [{ Event: [{ $times: "3", event_name: "x" }] }, "given.Event[0].$times", "whole number"],
    [{ Event: [{ $times: 2, event_name: "e{{j}}" }] }, "given.Event[0] (i=0).event_name", 'unknown name "j"'],
    [{ Event: ["not a row"] }, "given.Event[0]", "mapping"],
    [{ Order: [{ user_id: "u", created_at: "yesterday" }] }, "given.Order[0].created_at", "not a valid time"],
  ])("rejects %j at %s", (given, path, reason) => {
    try {
      expandGiven(given as never, NOW);
      expect.unreachable("the row should have been refused");
    } catch (e) {
      expect(e).toBeInstanceOf(FieldError);
      expect((e as FieldError).path).toBe(path);
      expect((e as FieldError).reason).toContain(reason);
    }
  });
});
