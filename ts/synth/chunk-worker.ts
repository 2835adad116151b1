/** A thread that synthesizes the chunks it is given (ts/synth/workers.ts) and posts each one's result. */
import { parentPort, workerData } from "node:worker_threads";
import { domains as registered } from "../servers/index.ts";
import { synthesizeChunk, type Candidate, type Chunk } from "./pipeline.ts";
import type { ChunkJob, ChunkMessage } from "./workers.ts";

const job = workerData as ChunkJob;
const domains = job.domains.map((n) => registered.find((d) => d.name === n) ?? fail(`unknown domain "${n}"`));
const post = (m: ChunkMessage) => parentPort?.postMessage(m);
// A kept task's chat record is made in the thread; the live calls and tools it was made from stay here.
const plain = (c: Candidate): Candidate => ({ task: c.task, built: [], offered: [], moves: c.moves, ...(c.chat ? { chat: c.chat } : {}) });

parentPort?.on("message", async (chunk: Chunk) => {
  try {
    const r = await synthesizeChunk({
      seed: job.seed,
      config: job.config,
      domains,
      chunk,
      chat: true,
      onChunk: (c, kept, dropped) => post({ progress: { chunk: c, kept, dropped } }),
    });
    post({ done: { ...r, kept: r.kept.map(plain) } });
  } catch (err) {
    post({ error: (err as Error).message ?? String(err) });
  }
});

function fail(message: string): never {
  throw new Error(message);
}
