import type { Config } from "dompurify";

/** A Trusted Types policy as DOMPurify takes it. */
export type WidgetPolicy = NonNullable<Config["TRUSTED_TYPES_POLICY"]>;

/** The policy name a host page that enforces Trusted Types must allow (`trusted-types flashfusion-widget`). */
export const POLICY_NAME = "flashfusion-widget";

const policies = new WeakMap<object, WidgetPolicy | null>();

/**
 * The widget's one Trusted Types policy on this page, made on first use and shared by every
 * widget on it (a page may refuse a second policy of one name); null where the browser has no
 * Trusted Types. It passes HTML through because only two things feed it: the widget's own
 * constant markup, and DOMPurify, which hands it markup it is about to sanitise or has
 * sanitised. It makes no script URLs: the widget loads none.
 */
export function widgetPolicy(window: Window): WidgetPolicy | null {
  const factory = (window as Window & { trustedTypes?: { createPolicy(name: string, rules: object): WidgetPolicy } }).trustedTypes;
  if (!factory) return null;
  let policy = policies.get(factory);
  if (policy === undefined) {
    policy = factory.createPolicy(POLICY_NAME, {
      createHTML: (html: string) => html,
      createScriptURL: () => {
        throw new TypeError("the FlashFusion widget loads no scripts");
      },
    });
    policies.set(factory, policy);
  }
  return policy;
}

/** Markup for an HTML sink (innerHTML), as a TrustedHTML where the page enforces Trusted Types. */
export function trustedHtml(window: Window, html: string): string {
  const policy = widgetPolicy(window);
  return policy ? (policy.createHTML(html) as unknown as string) : html;
}
