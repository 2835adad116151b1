/** The Tasks service: list and fetch tasks of loaded datasets (chat records with their tools inline), and synthesize new ones with streamed progress. */
import * as grpc from "@grpc/grpc-js";
import type { Domain } from "../servers/framework/index.ts";
import { synthesize, writeDataset, type Progress } from "../synth/index.ts";
import { chatJson, DATASET_NAME, type Datasets } from "../tasks/datasets.ts";
import type { Task } from "../tasks/schema.ts";
import { parseJsonField, RpcError, type Guard } from "./guard.ts";

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

type Req = Record<string, any>;

export function tasksService(guard: Guard, datasets: Datasets | undefined, domains: readonly Domain[]) {
  let synthesizing = false;
  const need = (): Datasets => {
    if (!datasets) throw new RpcError(grpc.status.FAILED_PRECONDITION, "this service has no task datasets; start it with --tasks DIR (and --data DIR for synthesis)");
    return datasets;
  };
  const dataset = (name: string) => {
    const ds = need().get(name);
    if (!ds) throw new RpcError(grpc.status.NOT_FOUND, `unknown dataset "${name || "default"}"; loaded: ${need().names().join(", ") || "none"}`);
    return ds;
  };

  return {
    ListTasks: guard.unary((r: Req) => {
      const ds = dataset(r.dataset);
      const limit = r.limit > 0 ? Math.min(r.limit, 1000) : 100;
      const offset = Math.max(0, r.offset);
      const matching = ds.store.tasks.filter((t) => (r.domains as string[]).every((d) => t.domains.includes(d)) && (!r.kind || t.kind === r.kind));
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

    GetTask: guard.unary((r: Req) => {
      const ds = dataset(r.dataset);
      const task = ds.store.get(r.id);
      if (!task) throw new RpcError(grpc.status.NOT_FOUND, `no task "${r.id}" in dataset "${ds.name}"`);
      return { task_json: JSON.stringify(task), chat_json: chatJson(ds, task.id) };
    }),

    Synthesize: guard.serverStream(async (r: Req, write: (p: object) => void, ctx) => {
      const store = need();
      if (!DATASET_NAME.test(r.dataset)) throw new RpcError(grpc.status.INVALID_ARGUMENT, `dataset must match ${DATASET_NAME} (a name, not a path)`);
      if (!(r.count > 0)) throw new RpcError(grpc.status.INVALID_ARGUMENT, "count must be at least 1");
      if (synthesizing) throw new RpcError(grpc.status.RESOURCE_EXHAUSTED, "a synthesis is already running on this service; retry when it finishes", 5000);
      const config = { ...(parseJsonField("config_json", r.config_json) as object), count: r.count };
      synthesizing = true;
      try {
        const message = (p: Progress, extra: object = {}) => ({
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
        const data = await synthesize({
          seed: r.seed || "1",
          config,
          domains,
          onProgress: (p) => {
            if (ctx.cancelled()) throw new RpcError(grpc.status.CANCELLED, "synthesis cancelled by the client");
            last = p;
            write(message(p));
          },
        }).catch((err: unknown) => {
          if (err instanceof RpcError) throw err;
          throw new RpcError(grpc.status.INVALID_ARGUMENT, (err as Error).message);
        });
        writeDataset(store.dirFor(r.dataset), data);
        store.load(r.dataset, store.dirFor(r.dataset));
        const final = last ?? { stage: "done", done: data.tasks.length, total: r.count, kept: data.tasks.length, dropped: {}, message: "done" };
        write(message(final as Progress, { stage: "done", finished: true, stats_json: JSON.stringify(data.stats), dataset: r.dataset, message: `wrote ${data.tasks.length} tasks` }));
      } finally {
        synthesizing = false;
      }
    }),
  };
}
