/**
 * A synthesis run on a worker thread, so the service's event loop keeps answering every other
 * call while a dataset is made (`Tasks.Synthesize`). It writes the dataset where it is told and
 * posts its progress as it goes; the service loads the result when it says it is done.
 */
import { parentPort, workerData } from "node:worker_threads";
import { domains } from "../servers/index.ts";
import { synthesize, writeDataset } from "../synth/index.ts";

/** What the service asks of a synthesis worker. */
export interface SynthJob {
  seed: string;
  config: object;
  dir: string;
}

/** What a synthesis worker posts back: progress, then done (with the statistics) or an error. */
export type SynthMessage = { progress: import("../synth/index.ts").Progress } | { done: { count: number; statsJson: string } } | { error: string };

const job = workerData as SynthJob;
const post = (m: SynthMessage) => parentPort?.postMessage(m);
try {
  const data = await synthesize({ seed: job.seed, config: job.config, domains, onProgress: (progress) => post({ progress }) });
  writeDataset(job.dir, data);
  post({ done: { count: data.tasks.length, statsJson: JSON.stringify(data.stats) } });
} catch (err) {
  post({ error: (err as Error).message ?? String(err) });
}
