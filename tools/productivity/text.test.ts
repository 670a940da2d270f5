import { describe, expect, it } from "vitest";
import { pickByReference } from "./match.js";
import { blockQuote, charCount, hashtagsOf, normalizeTag, quoted, truncateOnWord } from "./text.js";
import { searchTerms, significantWords, singular } from "./words.js";

describe("hashtagsOf", () => {
  it("reads #tags as lower-case tags, each once, and leaves anchors and entities alone", () => {
    expect(hashtagsOf("hero image needs alt text #a11y")).toEqual(["a11y"]);
    expect(hashtagsOf("#Launch-2026, #launch-2026 and #ops.")).toEqual(["launch-2026", "ops"]);
    expect(hashtagsOf("see https://example.com/#section or &#35; or C# or issue #")).toEqual([]);
    expect(hashtagsOf("(#café) #été")).toEqual(["café", "été"]);
    expect(normalizeTag(" #A11y ")).toBe("a11y");
  });
});

describe("truncateOnWord", () => {
  it("leaves text that fits, and cuts longer text at a word with an ellipsis", () => {
    expect(truncateOnWord("short", 10)).toBe("short");
    expect(truncateOnWord("one two three four", 12)).toBe("one two…");
    expect(truncateOnWord("one two, three", 9)).toBe("one two…");
    expect(truncateOnWord("abcdefghijkl", 6)).toBe("abcde…");
  });

  it("counts characters, not UTF-16 units", () => {
    const text = "🚀 ".repeat(200);
    const cut = truncateOnWord(text, 280);
    expect(charCount(cut)).toBeLessThanOrEqual(280);
    expect(cut.endsWith("🚀…")).toBe(true);
  });
});

describe("quoting stored text", () => {
  it("keeps a note on one quoted line, and a draft as a block quote", () => {
    expect(quoted('say "hi"\nthen go')).toBe('"say \\"hi\\"\\nthen go"');
    expect(blockQuote("Hi,\n\nBye")).toBe("> Hi,\n>\n> Bye");
  });
});

describe("pickByReference", () => {
  type Row = { id: string; name: string };
  const rows: Row[] = [
    { id: "prj_1", name: "Website Relaunch" },
    { id: "prj_2", name: "Webinar Series" },
    { id: "prj_3", name: "Web" },
  ];
  const how = { what: "project", among: "your projects", field: "project", id: (r: Row) => r.id, label: (r: Row) => r.name };

  it("takes an id, then an exact name, then a unique beginning, then a unique part", () => {
    expect(pickByReference(rows, "prj_2", how).id).toBe("prj_2");
    expect(pickByReference(rows, '"web"', how).id).toBe("prj_3");
    expect(pickByReference(rows, "website", how).id).toBe("prj_1");
    expect(pickByReference(rows, "series", how).id).toBe("prj_2");
    expect(pickByReference(rows, "called Webinar Series", how).id).toBe("prj_2");
    expect(pickByReference(rows, "about Website", how).id).toBe("prj_1");
  });

  it("asks when several fit, and names what there is when none does", () => {
    expect(() => pickByReference(rows.slice(0, 2), "web", how)).toThrow(expect.objectContaining({ code: "VALIDATION", details: expect.objectContaining({ ask: true }) }));
    expect(() => pickByReference(rows, "Apollo", how)).toThrow('No project "Apollo" among your projects; there are: Website Relaunch; Webinar Series; Web');
    expect(() => pickByReference([], "Apollo", how)).toThrow('No project "Apollo" among your projects; there are none yet');
  });
});

describe("words", () => {
  it("folds plurals and drops filler", () => {
    expect(["webhooks", "keys", "addresses", "status", "analysis", "ss"].map(singular)).toEqual(["webhook", "key", "address", "status", "analysis", "ss"]);
    expect(significantWords("Where do I manage my API keys?")).toEqual(["api", "key"]);
  });

  it("reads search terms without connecting words and the names of what is searched", () => {
    expect(searchTerms("Grace Hopper in my contacts?", ["contacts"])).toEqual(["grace", "hopper"]);
    expect(searchTerms("(grace@navy.example)", [])).toEqual(["grace@navy.example"]);
    expect(searchTerms("#a11y notes", ["notes"])).toEqual(["#a11y"]);
    expect(searchTerms("my notes", ["notes"])).toEqual(["my", "notes"]);
  });
});
