/**
 * Registers the built-in presenters, as the package entry (src/index.ts) and the CLI do, for tests that import
 * analysis modules directly (src/drift/index.ts does not, by design: analyses never import presenters).
 */
import "../src/presenters/index.js";
