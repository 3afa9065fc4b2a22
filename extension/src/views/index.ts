/** Every report kind the extension draws: one view module per kind. Adding a kind = adding a module here. */
import { anomaliesView } from "./anomalies.js";
import { collectionView } from "./collection.js";
import { driftView } from "./drift.js";
import { fairnessView } from "./fairness.js";
import { feedbackView } from "./feedback.js";
import { profileView } from "./profile.js";
import { skewView } from "./skew.js";
import { timelineView } from "./timeline.js";
import type { ViewModule } from "./view.js";

const MODULES: readonly ViewModule[] = [
  profileView,
  driftView,
  timelineView,
  anomaliesView,
  fairnessView,
  feedbackView,
  collectionView,
  skewView,
];

export const VIEWS: ReadonlyMap<string, ViewModule> = new Map(
  MODULES.flatMap((m) => m.kinds.map((kind) => [kind, m] as const)),
);
