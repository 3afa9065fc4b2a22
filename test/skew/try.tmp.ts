import { skew, skewPanel, keyedPanel, SKEW_PANELS } from "../../src/skew/index.js";
for (const panel of SKEW_PANELS) {
  const { training, serving } = skewPanel(panel, { seed: 1 });
  const t0 = Date.now();
  const r = skew(training, serving, { label: "y", score: "score" });
  const j = r.toJSON();
  console.log(panel, Date.now() - t0, "ms:", j.headline);
  for (const k of ["covariate","label","concept"] as const) console.log("   ", k, j.shifts[k].detected, j.shifts[k].summary);
}
