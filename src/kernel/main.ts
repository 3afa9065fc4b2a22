/**
 * Entry point of driftlab's Jupyter kernel: `node dist/kernel/main.js <connection file>` (what kernel.json runs).
 * The runner process starts first so that the type checker warms up while the sockets bind.
 */
import { Kernel } from "./kernel.js";
import { Runtime } from "./runtime.js";
import { KernelSockets, readConnectionFile } from "./sockets.js";

async function main(argv: readonly string[]): Promise<void> {
  const connectionFile = argv.find((arg) => !arg.startsWith("-"));
  if (connectionFile === undefined) {
    process.stderr.write(
      "usage: driftlab-kernel <connection file>\n(started by Jupyter through kernel.json)\n",
    );
    process.exit(2);
  }
  const info = readConnectionFile(connectionFile);
  const runtime = new Runtime();
  runtime.start();
  const kernel = new Kernel(info, new KernelSockets(), runtime);
  process.on("SIGINT", () => kernel.interruptBySignal());
  process.on("SIGTERM", () => void kernel.shutdown());
  process.on("exit", () => runtime.stop());
  await kernel.start(info);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(
    `driftlab kernel: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
