import { describe, expect, it } from "vitest";
import { rocAuc } from "../../src/measures/roc-auc.js";
import { seededRandom } from "../../src/measures/bootstrap.js";
import { STATISTIC_RTOL, expectClose } from "./reference.js";
import { skewReference } from "./skew-reference.js";

interface AucCase {
  name: string;
  scores: number[];
  labels: number[];
  auc: number;
  aucFromDelong: number;
  standardError: number;
}

describe("rocAuc against scikit-learn's roc_auc_score and DeLong's variance", () => {
  for (const c of skewReference.rocAuc as AucCase[]) {
    it(`matches on ${c.name}`, () => {
      const result = rocAuc(c.scores, c.labels);
      expectClose(result.auc, c.auc, STATISTIC_RTOL, "AUC");
      expectClose(result.standardError, c.standardError, STATISTIC_RTOL, "DeLong standard error");
    });
  }

  it("gives p-values of 'AUC > 1/2' that are uniform when scores ignore labels", () => {
    const random = seededRandom(5);
    let rejections = 0;
    const runs = 400;
    for (let r = 0; r < runs; r++) {
      const scores = Array.from({ length: 80 }, () => random());
      const labels = scores.map(() => (random() < 0.4 ? 1 : 0));
      if (labels.every((l) => l === 0) || labels.every((l) => l === 1)) continue;
      if (rocAuc(scores, labels).pValue < 0.05) rejections++;
    }
    // Binomial(400, 0.05): P(X ≥ 41) and P(X ≤ 4) are both below 1e-6.
    expect(rejections).toBeGreaterThan(4);
    expect(rejections).toBeLessThan(41);
  });
});
