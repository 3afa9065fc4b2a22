import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, cspHash, fileHref, withContentSecurityPolicy } from "../../src/report/csp.js";

describe("contentSecurityPolicy", () => {
  it("allows exactly the given inline scripts by their SHA-256 and loads nothing remote", () => {
    const policy = contentSecurityPolicy(["console.log(1)"]);
    // Reference: the base64 SHA-256 digest of the script text, as CSP Level 2 specifies.
    const digest = createHash("sha256").update("console.log(1)").digest("base64");
    expect(cspHash("console.log(1)")).toBe(`'sha256-${digest}'`);
    expect(policy).toContain(`script-src 'sha256-${digest}'`);
    expect(policy).toContain("default-src 'none'");
    expect(policy).not.toMatch(/unsafe-eval|https?:|\*/);
    expect(policy).toContain("img-src data:");
  });

  it("runs no script when the page has none", () => {
    expect(contentSecurityPolicy()).toContain("script-src 'none'");
  });
});

describe("fileHref", () => {
  it("turns a scheme-like name into a relative file link", () => {
    expect(fileHref("javascript:alert(24).html")).toBe("./javascript%3Aalert(24).html");
  });

  it("keeps # and % in a name part of the file name", () => {
    expect(fileHref("a#1 100%.html")).toBe("./a%231%20100%25.html");
    expect(decodeURIComponent(fileHref("a#1 100%.html").slice(2))).toBe("a#1 100%.html");
  });
});

describe("withContentSecurityPolicy", () => {
  it("puts the policy first in <head> and allows exactly the page's executable inline scripts", () => {
    const page =
      "<!doctype html><html><head><title>t</title></head><body><script>run()</script>" +
      '<script type="application/json">{"a":1}</script></body></html>';
    const out = withContentSecurityPolicy(page);
    expect(out.indexOf("<head>") + "<head>".length).toBe(out.indexOf("<meta http-equiv"));
    expect(out).toContain(`script-src ${cspHash("run()")};`);
    expect(out).not.toContain(cspHash('{"a":1}'));
  });

  it("leaves a page that has a policy alone", () => {
    const page =
      '<html><head><meta http-equiv="Content-Security-Policy" content="default-src \'none\'"></head></html>';
    expect(withContentSecurityPolicy(page)).toBe(page);
  });
});
