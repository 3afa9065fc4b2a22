/**
 * Lets a test's worker answer the vitest runner between rounds of a long seeded loop.
 *
 * The worker and the runner talk over birpc with a fixed 60 s timeout that no option reaches. A test that computes
 * synchronously for a minute (200 seeded runs on a loaded machine do) never reads the runner's reply, the timeout
 * fires first, and `vitest run` exits 1 with every test passed ("Timeout calling onTaskUpdate",
 * vitest-dev/vitest#6479). Awaiting this between rounds keeps each synchronous stretch short.
 */
export const breathe = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
