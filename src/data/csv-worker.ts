/**
 * The worker thread of the parallel CSV reader (csv-parallel.ts): runs its tasks (csv-tasks.ts) with the read's
 * settings from the worker's data.
 */
import { parentPort, workerData } from "node:worker_threads";
import { runCsvTask, type CsvTask, type CsvWorkerData } from "./csv-tasks.js";

parentPort!.on("message", (task: CsvTask) => {
  runCsvTask(task, task.context ?? (workerData as CsvWorkerData)).then(
    (answer) => parentPort!.postMessage({ ...answer, id: task.id }),
    (error: unknown) =>
      parentPort!.postMessage({ id: task.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
