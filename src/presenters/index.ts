/**
 * The built-in presenters, one per report kind, registered on import. The package entry (src/index.ts) and the CLI
 * import this module; analyses never do. A new kind: its presenter in src/presenters/<kind>.ts and one line here.
 */
import { registerPresenter } from "../report/presenters.js";
import { driftPresenter } from "./drift.js";
import { labelPresenter, performancePresenter } from "./feedback.js";

registerPresenter("drift", driftPresenter);
registerPresenter("feedback-labels", labelPresenter);
registerPresenter("feedback", performancePresenter);
