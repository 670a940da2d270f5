import { describe, expect, it } from "vitest";
import { memoryStorage } from "../testing/fake-api.js";
import { threadKey, threadStore, type KeyValueStorage } from "./storage.js";

describe("thread storage", () => {
  it("keys a thread by API server and workspace (the site is localStorage's own origin)", () => {
    expect(threadKey("https://api.example.com/", "ws_acme")).toBe("flashfusion-chat:v1:thread:https://api.example.com|ws_acme");
    expect(threadKey("https://api.example.com", "ws_acme")).toBe(threadKey("https://API.example.com:443//", "ws_acme"));
    expect(threadKey("https://api.example.com", "ws_acme")).not.toBe(threadKey("https://api.example.com", "ws_other"));
    expect(threadKey("https://api.example.com", "ws_acme")).not.toBe(threadKey("https://eu.api.example.com", "ws_acme"));
    expect(threadKey("https://example.com/ff/", "")).toBe("flashfusion-chat:v1:thread:https://example.com/ff|default");
  });

  it("remembers, reads back and forgets a thread id", () => {
    const storage = memoryStorage();
    const a = threadStore(storage, "a");
    const b = threadStore(storage, "b");
    a.set("thr_123");
    expect(a.get()).toBe("thr_123");
    expect(b.get()).toBeNull();
    expect(threadStore(storage, "a").get()).toBe("thr_123");
    a.clear();
    expect(a.get()).toBeNull();
    expect(storage.data.size).toBe(0);
  });

  it("ignores a slot holding something that is not a thread id", () => {
    const storage = memoryStorage();
    storage.setItem("a", "javascript:alert(1)");
    expect(threadStore(storage, "a").get()).toBeNull();
  });

  it("keeps working in memory when storage throws (blocked storage, private mode, full quota)", () => {
    const broken: KeyValueStorage = {
      getItem: () => {
        throw new DOMException("denied", "SecurityError");
      },
      setItem: () => {
        throw new DOMException("full", "QuotaExceededError");
      },
      removeItem: () => {},
    };
    const store = threadStore(broken, "a");
    store.set("thr_1");
    expect(store.get()).toBe("thr_1");
    store.clear();
    expect(store.get()).toBeNull();
    const none = threadStore(null, "a");
    none.set("thr_2");
    expect(none.get()).toBe("thr_2");
  });
});
