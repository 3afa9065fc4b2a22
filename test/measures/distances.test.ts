import { describe, expect, it } from "vitest";
import { alignedHistogram } from "../../src/measures/binning.js";
import {
  hellinger,
  jensenShannonDistance,
  jensenShannonDivergence,
  kullbackLeibler,
  lInfinity,
  populationStabilityIndex,
  totalVariation,
} from "../../src/measures/probability-distances.js";
import { energyDistance, wasserstein1, wassersteinNormed } from "../../src/measures/sample-distances.js";
import {
  STATISTIC_RTOL,
  expectClose,
  reference,
  sample,
  type JsonNumber,
  type SampleInput,
} from "./reference.js";

interface VectorCase {
  name: string;
  p: number[];
  q: number[];
  psi: JsonNumber;
  klNatural: JsonNumber;
  klBase2: JsonNumber;
  jsDistanceNatural: JsonNumber;
  jsDistanceBase2: JsonNumber;
  jsDivergenceBase2: JsonNumber;
  hellinger: JsonNumber;
  totalVariation: JsonNumber;
  lInfinity: JsonNumber;
  lInfinityIndex: number;
}

interface SampleCase {
  name: string;
  a: SampleInput;
  b: SampleInput;
  wasserstein: JsonNumber;
  wassersteinNormed: JsonNumber;
  energy: JsonNumber;
}

const RTOL = STATISTIC_RTOL;

describe("distances between probability vectors against scipy / Evidently's formulas", () => {
  for (const row of reference.probabilityDistances as VectorCase[]) {
    it(`match on ${row.name}`, () => {
      expectClose(
        populationStabilityIndex(row.p, row.q),
        row.psi,
        RTOL,
        "PSI (Evidently, empty bins filled)",
      );
      expectClose(
        kullbackLeibler(row.p, row.q),
        row.klNatural,
        RTOL,
        "KL, natural log (scipy.stats.entropy)",
      );
      expectClose(kullbackLeibler(row.p, row.q, 2), row.klBase2, RTOL, "KL, base 2");
      expectClose(
        jensenShannonDistance(row.p, row.q),
        row.jsDistanceNatural,
        RTOL,
        "JS distance, natural log",
      );
      expectClose(jensenShannonDistance(row.p, row.q, 2), row.jsDistanceBase2, RTOL, "JS distance, base 2");
      expectClose(
        jensenShannonDivergence(row.p, row.q),
        row.jsDivergenceBase2,
        RTOL,
        "JS divergence, base 2",
      );
      expectClose(hellinger(row.p, row.q), row.hellinger, RTOL, "Hellinger");
      expectClose(totalVariation(row.p, row.q), row.totalVariation, RTOL, "total variation");
      const infinity = lInfinity(row.p, row.q);
      expectClose(infinity.distance, row.lInfinity, RTOL, "L-infinity");
      expect(infinity.index).toBe(row.lInfinityIndex);
    });
  }

  it("bounds the base-2 JS divergence by 1 and the natural-log JS distance by √ln 2 for disjoint supports", () => {
    expect(jensenShannonDivergence([1, 0], [0, 1])).toBeCloseTo(1, 15);
    expect(jensenShannonDistance([1, 0], [0, 1])).toBeCloseTo(Math.sqrt(Math.LN2), 15);
  });

  it("gives PSI = ∞ for an empty bin on one side when empty bins are not filled", () => {
    expect(populationStabilityIndex([1, 1], [1, 0], { fillEmptyBins: false })).toBe(Infinity);
  });
});

describe("distances between samples against scipy.stats", () => {
  for (const row of reference.sampleDistances as SampleCase[]) {
    it(`match on ${row.name}`, () => {
      const a = sample(row.a);
      const b = sample(row.b);
      expectClose(wasserstein1(a, b), row.wasserstein, RTOL, "wasserstein_distance");
      expectClose(wassersteinNormed(a, b), row.wassersteinNormed, RTOL, "Evidently's normed Wasserstein");
      expectClose(energyDistance(a, b), row.energy, RTOL, "energy_distance");
    });
  }

  it("equals the shift between a sample and its translate", () => {
    const a = Float64Array.from([0.5, 1, 4, 9]);
    expect(
      wasserstein1(
        a,
        a.map((x) => x + 2.5),
      ),
    ).toBeCloseTo(2.5, 14);
  });
});

interface AlignedCase {
  name: string;
  a: SampleInput;
  b: SampleInput;
  edges: number[];
  referenceCounts: number[];
  currentCounts: number[];
  psi: JsonNumber;
  jsDistanceNatural: JsonNumber;
}

describe("aligned histograms as Evidently bins numeric columns (Sturges on the concatenation)", () => {
  for (const row of reference.alignedHistogram as AlignedCase[]) {
    it(`match numpy and give Evidently's PSI and JS on ${row.name}`, () => {
      const aligned = alignedHistogram(sample(row.a), sample(row.b));
      expect(aligned.edges.length).toBe(row.edges.length);
      row.edges.forEach((edge, i) => expectClose(aligned.edges[i], edge, 1e-15, `edge ${i}`, 1e-15));
      expect(Array.from(aligned.referenceCounts)).toEqual(row.referenceCounts);
      expect(Array.from(aligned.currentCounts)).toEqual(row.currentCounts);
      expectClose(
        populationStabilityIndex(aligned.referenceProportions, aligned.currentProportions),
        row.psi,
        RTOL,
        "PSI",
      );
      expectClose(
        jensenShannonDistance(aligned.referenceProportions, aligned.currentProportions),
        row.jsDistanceNatural,
        RTOL,
        "JS distance",
      );
    });
  }
});
