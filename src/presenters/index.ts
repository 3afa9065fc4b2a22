/**
 * The built-in presenters, one per report kind, registered on import. The package entry (src/index.ts) and the CLI
 * import this module; analyses never do. A new kind: its presenter in src/presenters/<kind>.ts and one line here.
 */
import { registerPresenter } from "../report/presenters.js";
import { coveragePresenter, predictiveContentPresenter, representationPresenter } from "./collection.js";
import { driftPresenter } from "./drift.js";
import { timelinePresenter } from "./drift-timeline.js";
import { fairnessPresenter } from "./fairness.js";
import { profilePresenter } from "./profile.js";
import { anomaliesPresenter, schemaPresenter } from "./schema.js";
import { skewPresenter } from "./skew.js";
import { slicesPresenter } from "./slices.js";
import { labelPresenter, performancePresenter } from "./feedback.js";

registerPresenter("profile", profilePresenter);
registerPresenter("drift", driftPresenter);
registerPresenter("drift-timeline", timelinePresenter);
registerPresenter("schema", schemaPresenter);
registerPresenter("anomalies", anomaliesPresenter);
registerPresenter("fairness", fairnessPresenter);
registerPresenter("slices", slicesPresenter);
registerPresenter("skew", skewPresenter);
registerPresenter("feedback-labels", labelPresenter);
registerPresenter("feedback", performancePresenter);
registerPresenter("predictive-content", predictiveContentPresenter);
registerPresenter("coverage", coveragePresenter);
registerPresenter("representation", representationPresenter);
