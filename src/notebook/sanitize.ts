/**
 * Sanitizing HTML that comes from notebooks (markdown cells, saved `text/html`, `image/svg+xml` and `text/markdown`
 * outputs) before `driftlab render` writes it into a page. DOMPurify (cure53, the sanitizer JupyterLab's own
 * rendering relies on the same ideas as) runs on a jsdom window: DOMPurify's documentation names jsdom as the DOM to
 * use in Node, and its test suite runs on it. Lighter DOMs (linkedom, happy-dom) parse differently from browsers,
 * which is what mutation-XSS exploits, so they are not used. See docs/security.md.
 */
import { createRequire } from "node:module";
import type { Config, DOMPurify, WindowLike } from "dompurify";

/**
 * URLs allowed in `href`, `src`, `xlink:href`, `action`: http(s), mailto and tel, or a relative URL (no scheme).
 * Everything else (`javascript:`, `vbscript:`, `data:` outside images, unknown schemes) is dropped. DOMPurify still
 * allows `data:` in the `src` of images and media, where it cannot run script.
 */
export const SAFE_URL = /^(?:(?:https?|mailto|tel):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i;

const CONFIG: Config = {
  // A fragment that starts with <style> keeps it (DOMPurify otherwise drops leading head-only elements).
  FORCE_BODY: true,
  ALLOWED_URI_REGEXP: SAFE_URL,
  // Forms could post what a reader types elsewhere; frames and objects load other documents.
  FORBID_TAGS: ["form", "iframe", "frame", "object", "embed", "base", "meta", "link"],
  FORBID_ATTR: ["formaction", "srcset", "ping"],
};

let purifier: DOMPurify | undefined;

function purify(): DOMPurify {
  if (purifier !== undefined) return purifier;
  // Loaded on first use: jsdom takes a few hundred milliseconds to load, and only `render` needs it.
  const require = createRequire(import.meta.url);
  const { JSDOM } = require("jsdom") as { JSDOM: new (html: string) => { window: unknown } };
  const createPurifier = require("dompurify") as (window: WindowLike) => DOMPurify;
  const instance = createPurifier(new JSDOM("<!doctype html><html><body></body></html>").window as never);
  instance.addHook("afterSanitizeAttributes", (node) => {
    // Links from a notebook open without handing the page to the target (no window.opener, no referrer).
    if (node.nodeName === "A" && node.hasAttribute("href")) {
      node.setAttribute("rel", "noopener noreferrer");
      if (node.hasAttribute("target")) node.setAttribute("target", "_blank");
    }
  });
  purifier = instance;
  return instance;
}

/**
 * Returns `html` with everything that could run script or load another document removed: `<script>`, event handler
 * attributes, `javascript:` and other unsafe URLs, frames, objects, forms, `<base>`, `<meta>`. Text, tables,
 * images (including `data:` images), inline SVG and `<style>` stay. Cost: linear in the input, about 1 ms per 10 KB.
 */
export function sanitizeHTML(html: string): string {
  if (html === "") return "";
  return purify().sanitize(html, CONFIG);
}
