import { drift as driftBetween } from "./drift.js";
import { driftOverTime } from "./timeline.js";

/**
 * `drift(reference, current, options)` compares two datasets or profiles; `drift.overTime(data, options)` builds a
 * drift timeline over time windows with data-quality incident alarms.
 */
export const drift = Object.assign(driftBetween, { overTime: driftOverTime });
