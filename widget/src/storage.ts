/** Where the widget remembers its thread: one slot per site (the page's origin), API and workspace. */
export interface ThreadStore {
  get(): string | null;
  set(threadId: string): void;
  clear(): void;
}

/** The part of the Web Storage API the widget uses. */
export type KeyValueStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

/**
 * The localStorage key for a thread. localStorage is already per page origin (the site); the key
 * adds the API server and the workspace, so two widgets on one site never share a thread.
 */
export function threadKey(apiBase: string, workspace: string): string {
  let api: string;
  try {
    const url = new URL(apiBase);
    api = `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
  } catch {
    api = apiBase.replace(/\/+$/, "");
  }
  return `flashfusion-chat:v1:thread:${api}|${workspace.trim() || "default"}`;
}

/** Thread ids look like `thr_…`; anything else in the slot was not written by us. */
const THREAD_ID = /^thr_[A-Za-z0-9_-]{1,64}$/;

/**
 * A thread store over `storage`. Storage that throws (disabled cookies, Safari's private mode,
 * a full quota) degrades to memory for this page: the chat still works, it just won't survive
 * a reload.
 */
export function threadStore(storage: KeyValueStorage | null, key: string): ThreadStore {
  let memory: string | null = null;
  let usable = storage !== null;
  const attempt = <T>(fn: (s: KeyValueStorage) => T, fallback: T): T => {
    if (!usable || !storage) return fallback;
    try {
      return fn(storage);
    } catch {
      usable = false;
      return fallback;
    }
  };
  return {
    get() {
      const stored = attempt((s) => s.getItem(key), null);
      const value = stored ?? memory;
      return value !== null && THREAD_ID.test(value) ? value : null;
    },
    set(threadId) {
      memory = threadId;
      attempt((s) => s.setItem(key, threadId), undefined);
    },
    clear() {
      memory = null;
      attempt((s) => s.removeItem(key), undefined);
    },
  };
}

/** `window.localStorage`, or null where reading it throws (sandboxed iframes, blocked storage). */
export function browserStorage(): KeyValueStorage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}
