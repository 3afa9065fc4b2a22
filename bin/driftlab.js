#!/usr/bin/env node
// `driftlab profile FILE`: the profile's worker threads start first thing, so that they boot while the command's
// modules load (dist/cli/early-workers.js); main takes them.
import { startEarlyWorkers } from "../dist/cli/early-workers.js";

const args = process.argv.slice(2);
if (args[0] === "profile") startEarlyWorkers(args.slice(1));
const { main } = await import("../dist/cli/main.js");

main(args).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(error);
    process.exitCode = 2;
  },
);
