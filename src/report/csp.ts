import { createHash } from "node:crypto";

/** `'sha256-…'`: the CSP source expression that allows exactly this inline script or style text. */
export function cspHash(source: string): string {
  return `'sha256-${createHash("sha256").update(source, "utf8").digest("base64")}'`;
}

/**
 * The Content-Security-Policy of every page driftlab writes (report `--html` pages, `driftlab render` pages and
 * index): only the page's own inline scripts run (each allowed by its SHA-256 hash; `'none'` when the page has
 * none), nothing loads from anywhere (no remote script, style, image, font, frame or connection; images only as
 * `data:` URLs), forms post nowhere and `<base>` cannot move relative links. Inline styles are allowed: CSS cannot run
 * script, and with nothing loadable it cannot send anything away either. See docs/security.md.
 */
export function contentSecurityPolicy(inlineScripts: readonly string[] = []): string {
  const scripts = inlineScripts.length === 0 ? "'none'" : inlineScripts.map(cspHash).join(" ");
  return [
    "default-src 'none'",
    `script-src ${scripts}`,
    "style-src 'unsafe-inline'",
    "img-src data:",
    "font-src data:",
    "connect-src 'none'",
    "object-src 'none'",
    "frame-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
}

/** The policy as a `<meta http-equiv>` element, to put first in `<head>`. */
export function cspMetaElement(inlineScripts: readonly string[] = []): string {
  return `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(inlineScripts).replace(/"/g, "&quot;")}">`;
}

/**
 * A relative link to a file written next to the page: every character outside the URL-safe set percent-encoded, so
 * `javascript:alert(1).html` becomes `./javascript%3Aalert(1).html` (a file, not a scheme) and `a#1 100%.html`
 * becomes `./a%231%20100%25.html` (not a fragment).
 */
export function fileHref(fileName: string): string {
  return `./${encodeURIComponent(fileName)}`;
}

/** Inline scripts a browser would run: `<script>` without `src` whose type is empty or a JavaScript type. */
const INLINE_SCRIPT = /<script(\s[^>]*)?>([\s\S]*?)<\/script\s*>/gi;

/**
 * `html` (a whole page) with the policy of {@link contentSecurityPolicy} as the first element of its `<head>`,
 * allowing exactly the page's own executable inline scripts by hash. A page that already has a policy is returned
 * unchanged.
 */
export function withContentSecurityPolicy(html: string): string {
  if (/<meta\s[^>]*http-equiv=["']?content-security-policy/i.test(html)) return html;
  const scripts: string[] = [];
  for (const [, attributes = "", body] of html.matchAll(INLINE_SCRIPT)) {
    const type = /\stype\s*=\s*["']?([^"'\s>]+)/i.exec(attributes)?.[1] ?? "";
    if (type === "" || /javascript|module/i.test(type)) scripts.push(body);
  }
  const meta = cspMetaElement(scripts);
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (head !== null)
    return html.slice(0, head.index + head[0].length) + meta + html.slice(head.index + head[0].length);
  return meta + html;
}
