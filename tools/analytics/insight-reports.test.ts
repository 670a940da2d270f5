import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { AGENTS } from "../../agents/index.js";
import type { TestKit } from "../testing.js";
import { renderReportChart } from "./charts/render.js";
import { analyticsTools } from "./index.js";
import { analyticsKit, before, DAY, event, HOUR, pageView } from "./testing.js";

const NOW = "2026-03-10T09:00:00Z";
let kit: TestKit;
afterEach(() => kit?.close());

describe("insight reports", () => {
  it("lists saved reports newest first and shows one with its chart and task", async () => {
    kit = await analyticsKit(NOW);
    await event(kit.store, "signup", "a", before(NOW, DAY));
    const forecast = (await kit.call("forecast_metric", { metric: "signups" })) as any;
    await pageView(kit.store, "a", "/signup", before(NOW, HOUR));
    await kit.store.insert("InsightReport", { report_type: "cohort", title: "Older", created_at: before(NOW, 2 * DAY) });

    const list = (await kit.call("list_insight_reports", {})) as any;
    expect(list.output.reports.map((r: any) => r.report_type)).toEqual(["forecast", "cohort"]);
    expect(list.reply).toContain(forecast.output.id);
    const low = (await kit.call("list_insight_reports", { confidence: "low", report_type: "forecast" })) as any;
    expect(low.output.total).toBe(1);

    const shown = (await kit.call("show_insight_report", { id: forecast.output.id })) as any;
    expect(shown.output).toMatchObject({ id: forecast.output.id, task_id: forecast.output.task_id, report_type: "forecast" });
    expect(shown.output.chart_svg).toBe(forecast.output.chart_svg);
    expect(shown.reply).toMatch(/Opened task tsk_/);
    await expect(kit.call("show_insight_report", { id: "ins_missing" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("keeps every workspace to its own rows", async () => {
    kit = await analyticsKit(NOW);
    const other = await kit.storeOf("ws_other");
    for (let i = 0; i < 5; i++) await pageView(other, `x${i}`, "/signup", before(NOW, 2 * HOUR));
    for (let i = 0; i < 5; i++) await pageView(other, `x${i}`, "/checkout", before(NOW, HOUR));
    await pageView(kit.store, "mine", "/signup", before(NOW, 2 * HOUR));
    const foreign = await other.insert("InsightReport", { report_type: "funnel", title: "Theirs" });

    const out = (await kit.call("analyze_funnel", { steps: ["/signup", "/checkout"] })) as any;
    expect(out.output).toMatchObject({ entered: 1, converted: 0 });
    expect(await other.count("InsightReport")).toBe(1);
    expect(await other.count("Task")).toBe(0);
    await expect(kit.call("show_insight_report", { id: foreign.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(((await kit.call("list_insight_reports", {})) as any).output.total).toBe(1);
  });

  it("stays within SignalSage's entity access", () => {
    const { reads, writes } = AGENTS.SignalSage.entities;
    for (const tool of analyticsTools) {
      for (const e of tool.reads ?? []) expect(reads, `${tool.name} reads ${e}`).toContain(e);
      for (const e of tool.writes ?? []) expect(writes, `${tool.name} writes ${e}`).toContain(e);
    }
  });

  it("declares what the local provider needs on every input field", () => {
    for (const tool of analyticsTools) {
      expect(tool.examples.length, tool.name).toBeGreaterThanOrEqual(5);
      const schema = z.toJSONSchema(tool.input, { io: "input", unrepresentable: "any" }) as { properties?: Record<string, any> };
      expect(Object.keys(schema.properties ?? {}).length, tool.name).toBeGreaterThan(0);
      for (const [field, prop] of Object.entries<any>(schema.properties!)) {
        expect(prop.extract, `${tool.name}.${field}`).toBeTruthy();
        expect(prop.cues?.length, `${tool.name}.${field}`).toBeGreaterThan(0);
        expect(prop.description, `${tool.name}.${field}`).toBeTruthy();
      }
    }
  });
});

describe("charts", () => {
  it("escape text and carry no script", () => {
    const svg = renderReportChart({
      report_type: "funnel",
      title: `Funnel <script>alert("x")</script> & "/a"`,
      data: {
        steps: [
          { label: "/a?x=<b>", count: 3, step_conversion: 1, overall_conversion: 1, drop_off: 0 },
          { label: "/b'&", count: 1, step_conversion: 1 / 3, overall_conversion: 1 / 3, drop_off: 2 },
        ],
        entered: 3,
        converted: 1,
        conversion_rate: 1 / 3,
        conversion_interval_95: { low: 0.06, high: 0.79 },
        median_time_to_convert_ms: null,
        period: { from: NOW, to: NOW },
        window_days: 7,
        forecast_report_id: null,
      },
    })!;
    expect(svg).not.toMatch(/<script|javascript:|on\w+=|href=/i);
    expect(svg).toContain("&lt;script&gt;");
    expect(svg).toContain("/a?x=&lt;b&gt;");
    expect(svg).toContain("/b&#39;&amp;");
  });

  it("draw every report type from its saved data", async () => {
    kit = await analyticsKit(NOW);
    await kit.store.insert("User", { id: "c", email: "c@example.com", created_at: "2026-01-05T00:00:00Z" });
    for (let d = 1; d <= 20; d++) {
      await pageView(kit.store, "c", "/signup", before(NOW, d * DAY));
      await pageView(kit.store, "c", "/checkout", before(NOW, d * DAY - HOUR));
      await kit.store.insert("Order", { user_id: "c", total_amount: d === 1 ? 900 : 20 + (d % 3), created_at: before(NOW, d * DAY) });
    }
    await kit.call("analyze_funnel", { steps: ["/signup", "/checkout"], period_days: 30, forecast_days: 7 });
    await kit.call("detect_anomalies", { metric: "orders.amount", window_hours: 72 });
    await kit.call("cohort_retention", { months: ["january"] });
    const reports = await kit.store.find("InsightReport");
    expect(reports.map((r) => r.report_type).sort()).toEqual(["anomaly", "cohort", "forecast", "funnel"]);
    for (const report of reports) {
      const svg = renderReportChart(report);
      expect(svg, report.report_type).toMatch(/^<svg [^>]*role="img"/);
      expect(svg, report.report_type).not.toMatch(/NaN|Infinity|undefined/);
    }
  });

  it("draw nothing for data of the wrong shape", () => {
    expect(renderReportChart({ report_type: "forecast", title: "x", data: { nope: true } })).toBeNull();
  });
});
