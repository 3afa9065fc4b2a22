/**
 * Hostile input shared by the browser tests: payloads for data values, column names and notebooks, a CSV writer, a
 * notebook whose markdown and saved outputs (report bundles of hostile data included) carry them, and the DOM audit
 * that finds anything that could run script or came from the data as markup. Used by test/e2e/injection.test.mjs;
 * the JupyterLab page test can open the same notebook and run the same audit (`page.evaluate(audit)`).
 */

export const DATA_VALUES = [
  `<img src=x onerror=alert(1) id=pwn-data-img>`,
  `<script id="pwn-data-script">alert(2)</script>`,
  `"><svg id=pwn-data-svg onload=alert(3)>`,
  `'><b id='pwn-data-b'>bold</b>`,
  `javascript:alert(4)`,
  `</script><script>alert(5)</script>`,
  `{{constructor.constructor('alert(6)')()}}`,
];
export const COLUMNS = {
  group: `<img src=x onerror=alert(7) id=pwn-data-col>`,
  amount: `"><svg onload=alert(8) id=pwn-data-col2>`,
  label: `label</title><script>alert(9)</script>`,
  prediction: "prediction",
};
export const MARKDOWN = [
  "# Notebook <img src=x onerror=alert(10)>",
  "<script>alert(11)</script>",
  "<img src=x onerror=alert(12)>",
  "[link](javascript:alert(13)) and [entity](jav&#x61;script:alert(14)) and <a href='JaVaScRiPt:alert(15)'>x</a>",
  '<svg><a xlink:href="javascript:alert(16)"><text y="20">svg link</text></a></svg>',
  '<iframe src="javascript:alert(17)"></iframe><object data="javascript:alert(18)"></object>',
  '<form action="javascript:alert(19)"><button>send</button></form>',
  '<math><mtext><table><mglyph><style><img src=x onerror="alert(20)"></style></mglyph></table></mtext></math>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(21)">',
  '<base href="javascript:alert(22)//">',
  "![remote](https://example.invalid/tracker.png)",
  '<div onmouseover="alert(23)" style="width:100px;height:20px">hover</div>',
].join("\n\n");
export const HTML_OUTPUT = `<b>html output</b><img src=x onerror=alert(30)><script>alert(31)</script><a href="javascript:alert(32)">a</a>`;
export const SVG_OUTPUT = `<svg xmlns="http://www.w3.org/2000/svg" onload="alert(33)"><script>alert(34)</script><circle r="4" onclick="alert(35)"/><foreignObject><iframe src="javascript:alert(36)"></iframe></foreignObject></svg>`;

// ---------------------------------------------------------------------------------------------------------------
// Hostile data: 200 rows, every payload frequent enough (>= 20 rows) to survive small-group suppression.
// ---------------------------------------------------------------------------------------------------------------
export function hostileColumns(shift) {
  const n = 200;
  const group = [];
  const amount = [];
  const label = [];
  const prediction = [];
  let seed = 17 + shift;
  const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  for (let i = 0; i < n; i++) {
    group.push(DATA_VALUES[i % DATA_VALUES.length]);
    amount.push(Math.round((random() * 100 + shift * 30) * 100) / 100);
    label.push(random() < 0.5 ? "yes" : "no");
    prediction.push(random() < 0.5 ? "yes" : "no");
  }
  return {
    [COLUMNS.group]: group,
    [COLUMNS.amount]: amount,
    [COLUMNS.label]: label,
    [COLUMNS.prediction]: prediction,
  };
}
export function csv(columns) {
  const names = Object.keys(columns);
  const quote = (v) => `"${String(v).replace(/"/g, '""')}"`;
  const rows = [names.map(quote).join(",")];
  for (let i = 0; i < columns[names[0]].length; i++)
    rows.push(names.map((c) => quote(columns[c][i])).join(","));
  return rows.join("\n") + "\n";
}

/** A notebook with every hostile markdown and saved output, and report bundles of hostile data. */
export async function hostileNotebook(driftlab) {
  const reference = driftlab.fromColumns(hostileColumns(0));
  const current = driftlab.fromColumns(hostileColumns(1));
  const bundles = [
    await driftlab.profile(reference).toMimeBundle(),
    await driftlab.drift(reference, current).toMimeBundle(),
  ];
  if (typeof driftlab.fairness === "function") {
    bundles.push(
      await driftlab
        .fairness(reference, {
          label: COLUMNS.label,
          prediction: COLUMNS.prediction,
          groups: [COLUMNS.group],
          positiveLabel: "yes",
          minSize: 5,
        })
        .toMimeBundle(),
    );
  }
  const output = (data) => ({ output_type: "display_data", data, metadata: {} });
  const notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [
      { cell_type: "markdown", metadata: {}, source: MARKDOWN },
      {
        cell_type: "code",
        metadata: {},
        execution_count: 1,
        source: "profile(data)",
        outputs: [
          ...bundles.map((bundle) => ({
            output_type: "execute_result",
            execution_count: 1,
            data: bundle,
            metadata: {},
          })),
          output({ "text/html": HTML_OUTPUT }),
          output({ "image/svg+xml": SVG_OUTPUT }),
          output({ "text/markdown": "[md link](javascript:alert(37)) <img src=x onerror=alert(38)>" }),
          output({ "image/png": `"><img src=x onerror=alert(39)>` }),
          output({
            "application/vnd.vegalite.v5+json": {
              title: DATA_VALUES[0],
              data: { values: DATA_VALUES.map((v, i) => ({ category: v, n: i + 1 })) },
              mark: "bar",
              encoding: {
                x: { field: "category", type: "nominal" },
                y: { field: "n", type: "quantitative" },
              },
            },
          }),
          { output_type: "stream", name: "stdout", text: "<img src=x onerror=alert(42)>" },
          { output_type: "stream", name: `"><img src=x onerror=alert(43)>`, text: "odd stream name" },
          {
            output_type: "error",
            ename: "<b>E</b>",
            evalue: "<img src=x onerror=alert(44)>",
            traceback: ["<script>alert(45)</script>"],
          },
          {
            output_type: "execute_result",
            execution_count: 1,
            data: { "text/plain": "<img src=x onerror=alert(46)>" },
            metadata: {},
          },
        ],
      },
      {
        cell_type: "code",
        metadata: {},
        execution_count: `<img src=x onerror=alert(47)>`,
        source: "</pre><img src=x onerror=alert(48)>",
        outputs: [],
      },
      { cell_type: "raw", metadata: {}, source: "<script>alert(49)</script>" },
    ],
  };
  return notebook;
}

/** Everything in the DOM that could run script or came from the data as markup. */
export function audit() {
  const found = [];
  const urlAttributes = /^(href|src|action|formaction|xlink:href|data|poster|background)$/i;
  for (const element of document.querySelectorAll("*")) {
    for (const attribute of element.attributes) {
      if (/^on/i.test(attribute.name)) found.push(`${element.tagName.toLowerCase()}[${attribute.name}]`);
      if (
        urlAttributes.test(attribute.name) &&
        /^\s*(javascript|vbscript|data:text\/html)/i.test(attribute.value)
      )
        found.push(`${element.tagName.toLowerCase()}[${attribute.name}=${attribute.value.slice(0, 30)}]`);
    }
    if (/^(iframe|frame|object|embed|base)$/i.test(element.tagName))
      found.push(element.tagName.toLowerCase());
    // Vega draws its own (empty, action-less) form for signal bindings; any other form came from the input.
    if (
      element.tagName === "FORM" &&
      (element.hasAttribute("action") || !element.classList.contains("vega-bindings"))
    )
      found.push("form");
    if (element.tagName === "META" && /refresh/i.test(element.getAttribute("http-equiv") ?? ""))
      found.push("meta refresh");
    if (element.id.startsWith("pwn-data")) found.push(`#${element.id}`);
  }
  const executable = [...document.scripts].filter((s) => s.type === "" || /javascript|module/i.test(s.type));
  const policies = document.querySelectorAll('meta[http-equiv="Content-Security-Policy"]');
  return {
    found,
    executable: executable.map((s) => s.textContent.length),
    policies: [...policies].map((m) => m.content),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Privacy: a value that only 3 rows have (a group under k = 10) must not reach a shared page in any form.
// ---------------------------------------------------------------------------------------------------------------
export const SMALL_GROUP_VALUE = "small-group-secret-4417";

/** 60 rows: town "Springfield" 57 times and {@link SMALL_GROUP_VALUE} 3 times; income shifted by `shift`. */
export function privateColumns(shift) {
  const town = Array.from({ length: 60 }, (_, i) => (i < 57 ? "Springfield" : SMALL_GROUP_VALUE));
  const income = town.map((_, i) => 1000 + 37 * ((i * 7919) % 60) + shift);
  return { town, income };
}

/** A notebook whose saved profile and drift bundles (made without privacy) carry {@link SMALL_GROUP_VALUE}. */
export async function privateNotebook(driftlab) {
  const reference = driftlab.fromColumns(privateColumns(0));
  const current = driftlab.fromColumns(privateColumns(400));
  const bundles = [
    await driftlab.profile(reference).toMimeBundle(),
    await driftlab.drift(reference, current).toMimeBundle(),
  ];
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [
      { cell_type: "markdown", metadata: {}, source: "# Private data" },
      {
        cell_type: "code",
        metadata: {},
        execution_count: 1,
        source: "profile(people)",
        outputs: bundles.map((data) => ({
          output_type: "execute_result",
          execution_count: 1,
          data,
          metadata: {},
        })),
      },
    ],
  };
}
