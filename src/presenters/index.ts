/**
 * The built-in presenters, one per report kind, registered on import. The package entry (src/index.ts) and the CLI
 * import this module; analyses never do. A new kind: its presenter in src/presenters/<kind>.ts and one line here.
 */
import { registerPresenter } from "../report/presenters.js";
import { coveragePresenter, predictiveContentPresenter, representationPresenter } from "./collection.js";
import { driftPresenter } from "./drift.js";

registerPresenter("drift", driftPresenter);
registerPresenter("predictive-content", predictiveContentPresenter);
registerPresenter("coverage", coveragePresenter);
registerPresenter("representation", representationPresenter);
