/**
 * Human labeling: spend a labeling budget well (`labeling.sample`) and measure how much annotators agree
 * (`labeling.cohen`, `labeling.fleiss`, `labeling.krippendorff`), with the items they disagreed on.
 */
import { cohen, fleiss, krippendorff } from "./agreement.js";
import { sample } from "./sample.js";

export const labeling = { sample, cohen, fleiss, krippendorff };

export type { AgreementResult, Disagreement } from "./agreement.js";
export type { LabelingSample, SampleOptions } from "./sample.js";
