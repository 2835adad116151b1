/** The Environment service: sessions, forks, calls and steps over gRPC. */
import * as grpc from "@grpc/grpc-js";
import type { Environment } from "../env/environment.ts";
import { isFormat, type ToolCallFormat } from "../env/formats/index.ts";
import type { Tool } from "../servers/framework/index.ts";
import { parseJsonField, RpcError, type CallContext, type Guard } from "./guard.ts";
import { sessionFor } from "../tasks/session.ts";
import type { TaskSource } from "./tasks.ts";
import { callResult, OK_STATUS, openAITools, session, statusOf, stepResult, toolInfo } from "./wire.ts";

/** Items one batch RPC may carry. */
export const MAX_BATCH = 4096;
/** Raw assistant output one Step may carry. */
export const MAX_ASSISTANT_BYTES = 256 * 1024;

type Req = Record<string, any>;

const FORMAT_NAMES: Record<string, ToolCallFormat> = {
  TOOL_CALL_FORMAT_UNSPECIFIED: "hermes",
  TOOL_CALL_FORMAT_HERMES: "hermes",
  TOOL_CALL_FORMAT_OPENAI: "openai",
  TOOL_CALL_FORMAT_GRANITE: "granite",
};

function formatOf(value: string): ToolCallFormat {
  const f = FORMAT_NAMES[value] ?? (isFormat(value) ? value : undefined);
  if (!f) throw new RpcError(grpc.status.INVALID_ARGUMENT, `unknown tool-call format ${value}`);
  return f;
}

function batchSize(n: number, what: string): void {
  if (n > MAX_BATCH) throw new RpcError(grpc.status.INVALID_ARGUMENT, `${n} ${what} in one batch; at most ${MAX_BATCH}`);
}

export function environmentService(env: Environment, guard: Guard, tasks: () => TaskSource | undefined) {
  const call = (r: Req) => {
    const args = parseJsonField("arguments_json", r.arguments_json);
    return callResult(env.call(r.session_id, r.tool, args, r.turn ?? 0), r.session_id);
  };
  const step = (r: Req) => {
    if (Buffer.byteLength(r.assistant_text ?? "") > MAX_ASSISTANT_BYTES) {
      throw new RpcError(grpc.status.INVALID_ARGUMENT, `assistant_text is over ${MAX_ASSISTANT_BYTES} bytes`);
    }
    return stepResult(r.session_id, env.step(r.session_id, r.assistant_text ?? "", formatOf(r.format), r.turn));
  };

  /** Runs batch items in order; one item's failure is its own status, a passed deadline marks the rest. */
  async function batch<T>(items: Req[], ctx: CallContext, run: (r: Req) => T, failed: (r: Req, status: { code: number; message: string }) => T): Promise<T[]> {
    const out: T[] = [];
    for (let i = 0; i < items.length; i++) {
      await ctx.breathe(i);
      const item = items[i] as Req;
      if (ctx.cancelled()) throw new RpcError(grpc.status.CANCELLED, "the call was cancelled");
      if (ctx.expired()) {
        out.push(failed(item, { code: grpc.status.DEADLINE_EXCEEDED, message: "the deadline passed before this item ran" }));
        continue;
      }
      try {
        out.push(run(item));
      } catch (err) {
        out.push(failed(item, statusOf(err)));
      }
    }
    return out;
  }

  return {
    ListServers: guard.unary(() => ({
      servers: env.servers().map((d) => ({
        name: d.name,
        title: d.title,
        description: d.description,
        tool_count: d.tools.length,
        read_tools: d.tools.filter((t) => t.readOnly).length,
        write_tools: d.tools.filter((t) => !t.readOnly).length,
        entity_kinds: [...d.kinds.keys()],
      })),
    })),

    ListTools: guard.unary((r: Req) => {
      let tools: Tool[];
      if (r.session_id) {
        const info = env.info(r.session_id);
        tools = info.domains.flatMap((d) => env.domain(d).tools).filter((t) => info.tools.includes(t.name));
      } else {
        const names: string[] = r.servers.length ? r.servers : env.servers().map((d) => d.name);
        tools = names.flatMap((n) => env.domain(n).tools);
      }
      return { tools: tools.map(toolInfo), openai_tools_json: openAITools(tools) };
    }),

    CreateSession: guard.unary((r: Req) => {
      if (r.task_id) {
        if (r.servers.length || r.seed || r.tools.length) throw new RpcError(grpc.status.INVALID_ARGUMENT, "give either task_id or servers/seed/tools, not both");
        const source = tasks();
        if (!source) throw new RpcError(grpc.status.FAILED_PRECONDITION, "this service has no tasks loaded; start it with --tasks DIR to create sessions from tasks");
        const task = source.get(r.task_id);
        const info = env.create({ ...sessionFor(task, env.servers()), task: task.id });
        return session(env, info, info.task);
      }
      if (!r.seed) throw new RpcError(grpc.status.INVALID_ARGUMENT, "seed is required (any string; the same seed gives the same initial state)");
      return session(env, env.create({ domains: r.servers, seed: r.seed, ...(r.tools.length ? { tools: r.tools } : {}) }));
    }),

    ForkSession: guard.unary((r: Req) => ({ sessions: env.fork(r.session_id, r.count || 1).map((info) => session(env, info, info.task)) })),

    CallTool: guard.unary((r: Req) => call(r)),

    RecordReplies: guard.unary(async (r: Req, ctx) => {
      batchSize(r.replies.length, "replies");
      const record = (item: Req) => {
        env.recordReply(item.session_id, item.turn ?? 0, item.text ?? "");
        return OK_STATUS;
      };
      return { statuses: await batch(r.replies, ctx, record, (_item, status) => status) };
    }),

    CallToolBatch: guard.unary(async (r: Req, ctx) => {
      batchSize(r.calls.length, "calls");
      return {
        results: await batch(r.calls, ctx, call, (item, status) => ({ session_id: item.session_id, tool: item.tool, arguments_json: item.arguments_json, outcome: status.code === grpc.status.DEADLINE_EXCEEDED ? "OUTCOME_DEADLINE" : "OUTCOME_UNSPECIFIED", status })),
      };
    }),

    Step: guard.unary((r: Req) => step(r)),

    StepBatch: guard.unary(async (r: Req, ctx) => {
      batchSize(r.steps.length, "steps");
      return {
        results: await batch(r.steps, ctx, step, (item, status) => ({ session_id: item.session_id, outcome: status.code === grpc.status.DEADLINE_EXCEEDED ? "OUTCOME_DEADLINE" : "OUTCOME_UNSPECIFIED", status })),
      };
    }),

    GetState: guard.unary((r: Req) => {
      const info = env.info(r.session_id);
      const state = r.include_state ? env.state(r.session_id) : undefined;
      const clock = state?.snapshot.clock ?? env.sessionState(r.session_id).now;
      return { session_id: r.session_id, state_hash: env.hash(r.session_id), state_json: state?.json ?? "", clock, calls: info.calls };
    }),

    GetJournal: guard.unary((r: Req) => ({ records: env.journal(r.session_id, Math.max(0, r.from_index)).map((rec) => callResult(rec, r.session_id)) })),

    RenewLeases: guard.unary((r: Req) => {
      const renewed: string[] = [];
      const missing: string[] = [];
      for (const id of r.session_ids as string[]) {
        try {
          env.touch(id);
          renewed.push(id);
        } catch {
          missing.push(id);
        }
      }
      return { renewed, missing };
    }),

    CloseSession: guard.unary((r: Req) => {
      const missing = (r.session_ids as string[]).filter((id) => !env.close(id));
      return { closed: r.session_ids.length - missing.length, missing };
    }),
  };
}
