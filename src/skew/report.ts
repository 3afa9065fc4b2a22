import { envelope, Report, type ReportEnvelope } from "../report/report.js";
import { skewStaticHTML, skewText } from "./render.js";
import { skewSummarySpec } from "../charts/skew.js";
import type { ShiftFinding, ShiftKind, SkewJSON } from "./types.js";

type SkewInit = Omit<SkewJSON, keyof ReportEnvelope>;

/**
 * The result of {@link skew}: which kinds of shift separate training from serving (covariate, label, concept),
 * with the evidence and the features that carry each, plus schema skew, per-feature distributions and per-example
 * skew.
 */
export class SkewReport extends Report<SkewJSON> {
  readonly #init: SkewInit;
  readonly #envelope: ReportEnvelope & { kind: "skew" };

  /** @internal Use {@link skew}. */
  constructor(init: SkewInit & { title: string }) {
    super();
    const { title, ...rest } = init;
    this.#init = rest;
    this.#envelope = envelope("skew", title);
  }

  /** The finding of one kind of shift. */
  shift(kind: ShiftKind): ShiftFinding {
    return this.#init.shifts[kind];
  }

  /** The kinds of shift detected, in the order covariate, label, concept. */
  get detected(): ShiftKind[] {
    return (["covariate", "label", "concept"] as const).filter((k) => this.#init.shifts[k].detected);
  }

  /** One sentence: the kinds found. */
  headline(): string {
    return this.#init.headline;
  }

  toJSON(): SkewJSON {
    return { ...this.#envelope, ...this.#init };
  }

  toString(): string {
    return skewText(this.toJSON());
  }

  override toVegaLite(): Record<string, unknown> {
    return skewSummarySpec(this.toJSON());
  }

  toStaticHTML(): Promise<string> {
    return skewStaticHTML(this.toJSON());
  }
}
