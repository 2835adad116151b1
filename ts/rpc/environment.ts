/** The Environment service: sessions, forks, calls and steps over gRPC. */
import * as grpc from "@grpc/grpc-js";
import type { Environment } from "../env/environment.ts";
import { isFormat, type ToolCallFormat } from "../env/formats/index.ts";
import { stringBytes } from "../env/input.ts";
import type { Tool } from "../servers/framework/index.ts";
import { sessionFor } from "../tasks/session.ts";
import type { CallResult } from "./generated/prove/v1/CallResult.ts";
import type { CallToolRequest__Output } from "./generated/prove/v1/CallToolRequest.ts";
import type { EnvironmentHandlers } from "./generated/prove/v1/Environment.ts";
import type { ReplyToRecord__Output } from "./generated/prove/v1/ReplyToRecord.ts";
import type { StepRequest__Output } from "./generated/prove/v1/StepRequest.ts";
import type { StepResult } from "./generated/prove/v1/StepResult.ts";
import type { ToolCallFormat__Output } from "./generated/prove/v1/ToolCallFormat.ts";
import { RpcError, type CallContext, type Guard } from "./guard.ts";
import type { TaskSource } from "./tasks.ts";
import { openAITools, strictOpenAITools } from "./tool-schemas.ts";
import { callResult, notRun, OK_STATUS, session, statusOf, stepResult, toolInfo, type ItemStatus } from "./wire.ts";

/** Items one batch RPC may carry. */
export const MAX_BATCH = 4096;
/**
 * Bytes of strings one batch or journal reply may gather before it stops taking items. One more
 * item can add at most 32 calls of 256 KiB results, written out three times (result, tool
 * message, rendered turn), so a reply stays under the 64 MiB message limit of both ends.
 */
export const MAX_REPLY_BYTES = 32 * 1024 * 1024;

const FORMAT_NAMES: Record<string, ToolCallFormat> = {
  TOOL_CALL_FORMAT_UNSPECIFIED: "hermes",
  TOOL_CALL_FORMAT_HERMES: "hermes",
  TOOL_CALL_FORMAT_OPENAI: "openai",
  TOOL_CALL_FORMAT_GRANITE: "granite",
};

function formatOf(value: ToolCallFormat__Output): ToolCallFormat {
  const f = FORMAT_NAMES[value] ?? (isFormat(value) ? value : undefined);
  if (!f) throw new RpcError(grpc.status.INVALID_ARGUMENT, `unknown tool-call format ${value}`);
  return f;
}

function batchSize(n: number, what: string): void {
  if (n > MAX_BATCH) throw new RpcError(grpc.status.INVALID_ARGUMENT, `${n} ${what} in one batch; at most ${MAX_BATCH}`);
}

/** The proto3 `optional` turn: its value when the client set it (proto-loader names a set one in `_turn`). */
interface Turned {
  turn?: number;
  _turn?: "turn";
}
const given = (r: Turned): number | undefined => (r._turn === "turn" ? r.turn : undefined);

function turnRequired(r: Turned): number {
  const turn = given(r);
  if (turn === undefined)
    throw new RpcError(
      grpc.status.INVALID_ARGUMENT,
      "turn is required: the 0-based user turn this output answers (without it every turn's replies would pool into one)",
    );
  return turn;
}

const keyOf = (r: { idempotency_key: string }): string | undefined => r.idempotency_key || undefined;

export function environmentService(env: Environment, guard: Guard, tasks: () => TaskSource | undefined, maxReplyBytes = MAX_REPLY_BYTES): EnvironmentHandlers {
  const call = (r: CallToolRequest__Output): CallResult =>
    callResult(env.callJson(r.session_id, r.tool, r.arguments_json ?? "", given(r), keyOf(r)), r.session_id);
  const step = (r: StepRequest__Output): StepResult =>
    stepResult(r.session_id, env.step(r.session_id, r.assistant_text ?? "", formatOf(r.format), turnRequired(r), keyOf(r), { hash: !r.skip_state_hash }));

  /**
   * Runs batch items in order, each whole or not at all. One item's failure is its own status;
   * items not reached before the deadline, or after the reply filled its budget, do not run.
   */
  async function batch<I, T>(items: I[], ctx: CallContext, run: (r: I) => T, failed: (r: I, status: ItemStatus) => T): Promise<T[]> {
    const out: T[] = [];
    let bytes = 0;
    for (let i = 0; i < items.length; i++) {
      await ctx.breathe(i);
      const item = items[i] as I;
      if (ctx.cancelled()) throw new RpcError(grpc.status.CANCELLED, "the call was cancelled");
      if (ctx.expired()) {
        out.push(failed(item, { code: grpc.status.DEADLINE_EXCEEDED, message: "the deadline passed before this item ran; it did not run" }));
        continue;
      }
      if (bytes > maxReplyBytes) {
        out.push(
          failed(item, {
            code: grpc.status.RESOURCE_EXHAUSTED,
            message: `the reply reached its ${maxReplyBytes}-byte budget before this item; it did not run: send it again`,
          }),
        );
        continue;
      }
      try {
        const result = run(item);
        bytes += stringBytes(result);
        out.push(result);
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
      open_sessions: env.size,
      max_sessions: env.limits.maxSessions,
      shard: env.shard,
    })),

    ListTools: guard.unary((r) => {
      let tools: Tool[];
      if (r.session_id) {
        const info = env.info(r.session_id);
        tools = info.domains.flatMap((d) => env.domain(d).tools).filter((t) => info.tools.includes(t.name));
      } else {
        const names: string[] = r.servers.length ? r.servers : env.servers().map((d) => d.name);
        tools = names.flatMap((n) => env.domain(n).tools);
      }
      return { tools: tools.map(toolInfo), openai_tools_json: openAITools(tools), openai_strict_tools_json: strictOpenAITools(tools) };
    }),

    CreateSession: guard.unary((r) => {
      if (r.task_id) {
        if (r.servers.length || r.seed || r.tools.length)
          throw new RpcError(grpc.status.INVALID_ARGUMENT, "give either task_id or servers/seed/tools, not both");
        const source = tasks();
        if (!source)
          throw new RpcError(grpc.status.FAILED_PRECONDITION, "this service has no tasks loaded; start it with --tasks DIR to create sessions from tasks");
        const task = source.get(r.task_id);
        const info = env.create({ ...sessionFor(task, env.servers()), task: task.id });
        return session(env, info, info.task);
      }
      if (!r.seed) throw new RpcError(grpc.status.INVALID_ARGUMENT, "seed is required (a string of your choosing; the same seed gives the same initial state)");
      return session(env, env.create({ domains: r.servers, seed: r.seed, ...(r.tools.length ? { tools: r.tools } : {}) }));
    }),

    ForkSession: guard.unary((r) => {
      if (!r.compact) return { sessions: env.fork(r.session_id, r.count).map((info) => session(env, info, info.task)) };
      // Copies differ from each other only in their ids, and from their parent only in parent_id.
      const session_ids = env.forkIds(r.session_id, r.count);
      const parent = env.info(r.session_id);
      return { sessions: [], session_ids, shared: { ...session(env, parent, parent.task), session_id: "", parent_id: parent.id } };
    }),

    CallTool: guard.unary((r) => call(r)),

    RecordReplies: guard.unary(async (r, ctx) => {
      batchSize(r.replies.length, "replies");
      const record = (item: ReplyToRecord__Output): ItemStatus => {
        env.recordReply(item.session_id, turnRequired(item), item.text ?? "");
        return OK_STATUS;
      };
      return { statuses: await batch(r.replies, ctx, record, (_item, status) => status) };
    }),

    CallToolBatch: guard.unary(async (r, ctx) => {
      batchSize(r.calls.length, "calls");
      return {
        results: await batch(r.calls, ctx, call, (item, status) => ({
          session_id: item.session_id,
          tool: item.tool,
          arguments_json: item.arguments_json,
          outcome: notRun(status),
          status,
        })),
      };
    }),

    Step: guard.unary((r) => step(r)),

    StepBatch: guard.unary(async (r, ctx) => {
      batchSize(r.steps.length, "steps");
      return { results: await batch(r.steps, ctx, step, (item, status) => ({ session_id: item.session_id, outcome: notRun(status), status })) };
    }),

    GetState: guard.unary((r) => {
      const info = env.info(r.session_id);
      const state = r.include_state ? env.state(r.session_id) : undefined;
      const clock = state?.snapshot.clock ?? env.sessionState(r.session_id).now;
      return { session_id: r.session_id, state_hash: env.hash(r.session_id), state_json: state?.json ?? "", clock, calls: info.calls };
    }),

    GetJournal: guard.unary((r) => {
      const from = Math.max(0, r.from_index);
      const records = [];
      let bytes = 0;
      for (const rec of env.journal(r.session_id, from)) {
        if (bytes > maxReplyBytes) break;
        const out = callResult(rec, r.session_id);
        bytes += stringBytes(out);
        records.push(out);
      }
      const next = from + records.length;
      return { records, more: next < env.info(r.session_id).calls, next_index: next };
    }),

    RenewLeases: guard.unary((r) => {
      const renewed: string[] = [];
      const missing: string[] = [];
      for (const id of r.session_ids) {
        try {
          env.touch(id);
          renewed.push(id);
        } catch {
          missing.push(id);
        }
      }
      return { renewed, missing };
    }),

    CloseSession: guard.unary((r) => {
      const missing = r.session_ids.filter((id) => !env.close(id));
      return { closed: r.session_ids.length - missing.length, missing };
    }),
  };
}
