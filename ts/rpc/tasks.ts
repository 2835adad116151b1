/**
 * The Tasks service: list and fetch tasks of loaded datasets (chat records with their tools
 * inline), and synthesize new ones with streamed progress. Synthesis runs on a worker thread, so
 * a long one never stalls the calls of the trainers sharing the service.
 */
import { Worker } from "node:worker_threads";
import * as grpc from "@grpc/grpc-js";
import { synthConfig, type Progress } from "../synth/index.ts";
import { chatJson, DATASET_NAME, type Datasets } from "../tasks/datasets.ts";
import type { Task } from "../tasks/schema.ts";
import type { SynthesizeProgress } from "./generated/prove/v1/SynthesizeProgress.ts";
import type { TasksHandlers } from "./generated/prove/v1/Tasks.ts";
import { parseJsonField, RpcError, type CallContext, type Guard } from "./guard.ts";
import type { SynthJob, SynthMessage } from "./synth-worker.ts";

/** Where the services find tasks by id. */
export interface TaskSource {
  /** The task, or a NOT_FOUND RpcError. */
  get(id: string): Task;
}

export function taskSource(datasets: Datasets): TaskSource {
  return {
    get(id) {
      const t = datasets.find(id);
      if (!t) throw new RpcError(grpc.status.NOT_FOUND, `unknown task "${id}"; loaded datasets: ${datasets.names().join(", ") || "none"}`);
      return t;
    },
  };
}

export function tasksService(guard: Guard, datasets: Datasets | undefined): TasksHandlers {
  let synthesizing = false;
  const need = (): Datasets => {
    if (!datasets)
      throw new RpcError(grpc.status.FAILED_PRECONDITION, "this service has no task datasets; start it with --tasks DIR (and --data DIR for synthesis)");
    return datasets;
  };
  const dataset = (name: string) => {
    const ds = need().get(name);
    if (!ds) throw new RpcError(grpc.status.NOT_FOUND, `unknown dataset "${name || "default"}"; loaded: ${need().names().join(", ") || "none"}`);
    return ds;
  };

  return {
    ListTasks: guard.unary((r) => {
      const ds = dataset(r.dataset);
      const limit = r.limit > 0 ? Math.min(r.limit, 1000) : 100;
      const offset = Math.max(0, r.offset);
      const matching = ds.store.tasks.filter((t) => r.domains.every((d) => t.domains.includes(d)) && (!r.kind || t.kind === r.kind));
      const page = matching.slice(offset, offset + limit).map((t) => ({
        id: t.id,
        domains: t.domains,
        kind: t.kind,
        turns: t.turns.length,
        steps: t.turns.reduce((n, x) => n + x.steps.length, 0),
        info_level: t.info_level,
        tags: t.tags,
      }));
      return { tasks: page, total: matching.length, next_offset: offset + limit < matching.length ? offset + limit : -1 };
    }),

    GetTask: guard.unary((r) => {
      const ds = dataset(r.dataset);
      const task = ds.store.get(r.id);
      if (!task) throw new RpcError(grpc.status.NOT_FOUND, `no task "${r.id}" in dataset "${ds.name}"`);
      return { task_json: JSON.stringify(task), chat_json: chatJson(ds, task.id) };
    }),

    Synthesize: guard.serverStream(async (r, write, ctx) => {
      const store = need();
      if (!DATASET_NAME.test(r.dataset)) throw new RpcError(grpc.status.INVALID_ARGUMENT, `dataset must match ${DATASET_NAME} (a name, not a path)`);
      if (!(r.count > 0)) throw new RpcError(grpc.status.INVALID_ARGUMENT, "count must be at least 1");
      if (synthesizing) throw new RpcError(grpc.status.RESOURCE_EXHAUSTED, "a synthesis is already running on this service; retry when it finishes", 5000);
      const config = { ...(parseJsonField("config_json", r.config_json) as object), count: r.count };
      try {
        synthConfig(config);
      } catch (err) {
        throw new RpcError(grpc.status.INVALID_ARGUMENT, (err as Error).message);
      }
      synthesizing = true;
      try {
        const message = (p: Progress, extra: Partial<SynthesizeProgress> = {}): SynthesizeProgress => ({
          stage: p.stage,
          done: p.done,
          total: p.total,
          kept: p.kept,
          dropped: Object.entries(p.dropped).map(([name, count]) => ({ name, count })),
          message: p.message,
          finished: false,
          stats_json: "",
          dataset: "",
          ...extra,
        });
        let last: Progress | undefined;
        const dir = store.dirFor(r.dataset);
        const done = await inWorker({ seed: r.seed || "1", config, dir }, ctx, (p) => {
          last = p;
          write(message(p));
        });
        store.load(r.dataset, dir);
        const final = last ?? { stage: "done", done: done.count, total: r.count, kept: done.count, dropped: {}, message: "done" };
        write(
          message(final as Progress, { stage: "done", finished: true, stats_json: done.statsJson, dataset: r.dataset, message: `wrote ${done.count} tasks` }),
        );
      } finally {
        synthesizing = false;
      }
    }),
  };
}

/** Runs a synthesis job on a worker thread; a cancelled call stops the worker. */
function inWorker(job: SynthJob, ctx: CallContext, onProgress: (p: Progress) => void): Promise<{ count: number; statsJson: string }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./synth-worker.mjs", import.meta.url), { workerData: job });
    let settled = false;
    const settle = (end: () => void) => {
      if (settled) return;
      settled = true;
      clearInterval(watch);
      void worker.terminate();
      end();
    };
    const watch = setInterval(() => {
      if (ctx.cancelled()) settle(() => reject(new RpcError(grpc.status.CANCELLED, "synthesis cancelled by the client")));
    }, 100);
    worker.on("message", (m: SynthMessage) => {
      if ("progress" in m) onProgress(m.progress);
      else if ("error" in m) settle(() => reject(new RpcError(grpc.status.INVALID_ARGUMENT, m.error)));
      else settle(() => resolve(m.done));
    });
    worker.on("error", (err) => settle(() => reject(new RpcError(grpc.status.INTERNAL, `synthesis failed: ${err.message}`))));
    worker.on("exit", (code) =>
      settle(() => reject(new RpcError(grpc.status.INTERNAL, `the synthesis worker stopped (exit code ${code}) before it finished`))),
    );
  });
}
