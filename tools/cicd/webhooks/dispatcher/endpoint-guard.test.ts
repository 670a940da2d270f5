import { describe, expect, it } from "vitest";
import { EndpointRefused, endpointProblem, HostAllowlist, isPublicAddress, resolveEndpoint, type Lookup } from "./endpoint-guard.js";

const none = new HostAllowlist([]);
const problem = (url: string, allow = none) => endpointProblem(new URL(url), allow);
const dns = (answers: Record<string, string[]>): Lookup => async (host) =>
  (answers[host] ?? []).map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));

describe("endpoint guard", () => {
  it("tells public addresses from private, loopback, link-local and other special ones", () => {
    for (const a of ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"]) expect(isPublicAddress(a), a).toBe(true);
    for (const a of [
      "127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
      "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fd00::1", "::ffff:127.0.0.1", "::ffff:7f00:1", "64:ff9b::a00:1", "2002:a00:1::1",
      "not-an-ip",
    ]) {
      expect(isPublicAddress(a), a).toBe(false);
    }
    expect(isPublicAddress("172.32.0.1")).toBe(true);
  });

  it("wants https, no credentials, and no private address or localhost unless allowlisted", () => {
    expect(problem("https://hooks.example.com/ci")).toBeUndefined();
    expect(problem("http://hooks.example.com/ci")).toMatch(/plain http:\/\/ is refused for hooks\.example\.com/);
    expect(problem("ftp://hooks.example.com/ci")).toMatch(/use an https:\/\/ URL/);
    expect(problem("https://user:pw@hooks.example.com/ci")).toMatch(/credentials/);
    expect(problem("https://10.0.0.5/hook")).toMatch(/10\.0\.0\.5 is a private or loopback address/);
    expect(problem("https://[::1]:8443/hook")).toMatch(/::1 is a private or loopback address/);
    expect(problem("https://localhost/hook")).toMatch(/loopback name/);
    expect(problem("https://api.localhost/hook")).toMatch(/loopback name/);

    const allow = new HostAllowlist(["127.0.0.1", "LocalHost", "*.ci.internal", "[::1]"]);
    expect(problem("http://127.0.0.1:3000/hook", allow)).toBeUndefined();
    expect(problem("http://localhost:3000/hook", allow)).toBeUndefined();
    expect(problem("http://runner.ci.internal/hook", allow)).toBeUndefined();
    expect(problem("https://[::1]/hook", allow)).toBeUndefined();
    expect(problem("http://ci.internal.evil.com/hook", allow)).toMatch(/plain http/);
  });

  it("reads the allowlist from FLASHFUSION_WEBHOOK_ALLOWLIST", () => {
    const allow = HostAllowlist.fromEnv({ FLASHFUSION_WEBHOOK_ALLOWLIST: " localhost , 127.0.0.1,," });
    expect(allow.permits("localhost")).toBe(true);
    expect(allow.permits("127.0.0.1")).toBe(true);
    expect(allow.permits("example.com")).toBe(false);
    expect(HostAllowlist.fromEnv({}).permits("localhost")).toBe(false);
  });

  it("refuses a host when any of its addresses is private, and pins the checked addresses", async () => {
    const lookup = dns({ "hooks.example.com": ["93.184.216.34"], "rebind.example.com": ["93.184.216.34", "10.0.0.8"], "empty.example.com": [] });
    expect((await resolveEndpoint(new URL("https://hooks.example.com/x"), none, lookup)).addresses).toEqual([{ address: "93.184.216.34", family: 4 }]);
    await expect(resolveEndpoint(new URL("https://rebind.example.com/x"), none, lookup)).rejects.toThrow(EndpointRefused);
    await expect(resolveEndpoint(new URL("https://rebind.example.com/x"), none, lookup)).rejects.toThrow(/resolves to 10\.0\.0\.8/);
    await expect(resolveEndpoint(new URL("https://empty.example.com/x"), none, lookup)).rejects.toThrow(/has no address/);
    await expect(resolveEndpoint(new URL("https://empty.example.com/x"), none, lookup)).rejects.not.toThrow(EndpointRefused);
    const allowed = await resolveEndpoint(new URL("https://rebind.example.com/x"), new HostAllowlist(["rebind.example.com"]), lookup);
    expect(allowed.addresses).toHaveLength(2);
  });
});
