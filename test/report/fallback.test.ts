/**
 * The widget's HTML fallback: the text/html part of a report's MIME bundle, which frontends without the extension
 * show (VS Code, nbviewer, GitHub, JupyterLab without driftlab's extension). It must hold nothing that can run or
 * load (it is shown without driftlab's page policy), and `report.shareable()` must protect it as `--html` does.
 */
import { createRequire } from "node:module";
import type { DOMPurify, WindowLike } from "dompurify";
import { beforeAll, describe, expect, it } from "vitest";
import "../../src/presenters/index.js";
import { fromColumns } from "../../src/data/index.js";
import { drift } from "../../src/drift/index.js";
import { fairness } from "../../src/fairness/fairness.js";
import { inertAttributeValues } from "../../src/report/html.js";
import { REPORT_MIME_TYPE, VEGA_LITE_MIME_TYPE, type Report } from "../../src/report/report.js";
import { inferSchema } from "../../src/schema/infer.js";
import { validate } from "../../src/schema/validate.js";
import { skew } from "../../src/skew/skew.js";
import { profile } from "../../src/stats/profile.js";

const require = createRequire(import.meta.url);
const { JSDOM } = require("jsdom") as {
  JSDOM: new (html: string) => { window: Window & typeof globalThis };
};

/** Payloads as in test/e2e/injection-fixtures.mjs: every one that ran would leave a pwn-data-* element. */
const PAYLOADS = [
  `<img src=x onerror=alert(1) id=pwn-data-img>`,
  `<script id="pwn-data-script">alert(2)</script>`,
  `"><svg id=pwn-data-svg onload=alert(3)>`,
  `'><b id='pwn-data-b'>bold</b>`,
  `javascript:alert(4)`,
  `</style><style id=pwn-data-style>*{}</style>`,
];
const GROUP = `<img src=x onerror=alert(7) id=pwn-data-col>`;
const AMOUNT = `"><svg onload=alert(8) id=pwn-data-col2>`;

function hostile(shift: number) {
  let seed = 29 + shift;
  const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  const n = 240;
  const group: string[] = [];
  const amount: number[] = [];
  const label: string[] = [];
  const prediction: string[] = [];
  for (let i = 0; i < n; i++) {
    // shift 2: a value outside the reference's domain, for validate's unexpected values.
    group.push(shift === 2 && i % 3 === 0 ? `<b id=pwn-data-new>new</b>` : PAYLOADS[i % PAYLOADS.length]);
    amount.push(Math.round((random() * 100 + shift * 25) * 100) / 100);
    label.push(random() < 0.5 ? "yes" : "no");
    prediction.push(random() < 0.5 ? "yes" : "no");
  }
  return fromColumns({ [GROUP]: group, [AMOUNT]: amount, label, prediction });
}

let purify: DOMPurify;
beforeAll(() => {
  const createPurifier = require("dompurify") as (window: WindowLike) => DOMPurify;
  purify = createPurifier(new JSDOM("<!doctype html><html><body></body></html>").window as never);
});

function reports(): [string, Report][] {
  const reference = hostile(0);
  const current = hostile(1);
  return [
    ["profile", profile(reference)],
    ["drift", drift(reference, current)],
    ["skew", skew(reference, current)],
    ["validate", validate(hostile(2), inferSchema(reference))],
    [
      "fairness",
      fairness(reference, {
        label: "label",
        prediction: "prediction",
        groups: [GROUP],
        positiveLabel: "yes",
        minSize: 5,
      }),
    ],
  ];
}

describe("the widget's HTML fallback", () => {
  it("of hostile reports holds no script, handler, unsafe URL, remote load or injected element", async () => {
    for (const [kind, report] of reports()) {
      const html = String((await report.toMimeBundle())["text/html"]);
      expect(html, kind).toContain("pwn-data"); // the payloads are in it, as text
      const { document } = new JSDOM(`<!doctype html><body>${html}</body>`).window;
      const problems: string[] = [];
      for (const element of document.querySelectorAll("*")) {
        if (/^(script|iframe|frame|object|embed|base|meta|link|form)$/i.test(element.tagName))
          problems.push(element.tagName);
        if (element.id.startsWith("pwn-data")) problems.push(`#${element.id}`);
        for (const attribute of element.attributes) {
          if (/^on/i.test(attribute.name)) problems.push(`[${attribute.name}]`);
          if (
            /^(href|src|xlink:href|action|srcset)$/i.test(attribute.name) &&
            !/^(#|data:image\/)/.test(attribute.value)
          )
            problems.push(`[${attribute.name}=${attribute.value.slice(0, 20)}]`);
        }
      }
      for (const style of document.querySelectorAll("style"))
        if (/url\(|@import/i.test(style.textContent ?? "")) problems.push("style loads");
      expect(problems, kind).toEqual([]);
      // DOMPurify (the sanitizer of render pages) finds nothing to take out.
      purify.sanitize(html, { FORCE_BODY: true });
      // (FORCE_BODY parses through a <remove> placeholder of DOMPurify's own, which it takes out itself.)
      expect(
        purify.removed
          .map((r) => ("attribute" in r ? `@${r.attribute?.name}` : (r.element as Element).nodeName))
          .filter((name) => name !== "REMOVE"),
        kind,
      ).toEqual([]);
    }
  });

  it("report.shareable() protects the whole bundle: widget JSON, fallback, text and chart", async () => {
    const town = Array.from({ length: 40 }, (_, i) => (i < 36 ? "Springfield" : "Tiny-Hamlet-7731"));
    const report = profile(fromColumns({ town, income: town.map((_, i) => i * 100) }));
    const full = await report.toMimeBundle();
    expect(JSON.stringify(full)).toContain("Tiny-Hamlet-7731");
    const shared = await report.shareable().toMimeBundle();
    for (const mime of [REPORT_MIME_TYPE, "text/html", "text/plain", VEGA_LITE_MIME_TYPE]) {
      if (shared[mime] !== undefined)
        expect(JSON.stringify(shared[mime]), mime).not.toContain("Tiny-Hamlet-7731");
    }
    expect(String(shared["text/html"])).toContain(
      "privacy: 1 categories or slices with fewer than 10 members",
    );
    expect(report.shareable().toString()).not.toContain("Tiny-Hamlet-7731");
    const hashed = report.shareable({ sensitive: ["town"], minCount: 1, hashKey: "k" }).toJSON();
    expect(JSON.stringify(hashed)).not.toContain("Springfield");
    expect(hashed.omitted?.redactedColumns).toEqual(["town"]);
    // The report itself is unchanged.
    expect(JSON.stringify(report.toJSON())).toContain("Tiny-Hamlet-7731");
  });

  it("breaks raw-text closing tags and comment ends in attribute values with an invisible joiner", () => {
    const html = `<p title="a &lt;/style&gt; b </SCRIPT> c --&gt; d --!> e ]&gt; f">&lt;/style&gt; text</p>`;
    const inert = inertAttributeValues(html);
    const { document } = new JSDOM(`<body>${inert}</body>`).window;
    const p = document.querySelector("p")!;
    const title = p.getAttribute("title")!;
    expect(title).not.toMatch(/((--!?|])>)|<\/(style|script)/i);
    expect(title.replace(/\u2060/g, "")).toBe("a </style> b </SCRIPT> c --> d --!> e ]> f");
    expect(p.textContent).toBe("</style> text");
    expect(inertAttributeValues(`<p title="plain &lt;b&gt;">x</p>`)).toBe(`<p title="plain &lt;b&gt;">x</p>`);
  });
});
