/** Conversions between the environment's records and proto messages (snake_case, JSON as strings). */
import * as grpc from "@grpc/grpc-js";
import type { Environment, SessionInfo, StepOutcome } from "../env/environment.ts";
import type { CallOutcome, CallRecord } from "../env/journal.ts";
import type { Tool } from "../servers/framework/index.ts";
import type { CallResult } from "./generated/prove/v1/CallResult.ts";
import type { Outcome } from "./generated/prove/v1/Outcome.ts";
import type { Session } from "./generated/prove/v1/Session.ts";
import type { Status } from "./generated/prove/v1/Status.ts";
import type { StepResult } from "./generated/prove/v1/StepResult.ts";
import type { ToolInfo } from "./generated/prove/v1/ToolInfo.ts";
import { toStatus } from "./guard.ts";
import { toolSchemas } from "./tool-schemas.ts";

export const OUTCOME: Record<CallOutcome, Outcome> = {
  ok: "OUTCOME_OK",
  unknown_tool: "OUTCOME_UNKNOWN_TOOL",
  invalid_arguments: "OUTCOME_INVALID_ARGUMENTS",
  tool_error: "OUTCOME_TOOL_ERROR",
  env_error: "OUTCOME_ENV_ERROR",
  parse_error: "OUTCOME_PARSE_ERROR",
};

export type ItemStatus = Required<Status>;

export const OK_STATUS: ItemStatus = { code: grpc.status.OK, message: "" };

export function statusOf(err: unknown): ItemStatus {
  const s = toStatus(err);
  return { code: s.code, message: s.details };
}

/** The outcome of a batch item that did not run: the deadline, or rejected (its status says why). */
export function notRun(status: ItemStatus): Outcome {
  return status.code === grpc.status.DEADLINE_EXCEEDED ? "OUTCOME_DEADLINE" : "OUTCOME_REJECTED";
}

export function callResult(r: CallRecord, sessionId: string): CallResult {
  return {
    index: r.index,
    tool: r.tool,
    arguments_json: typeof r.args === "string" && r.outcome === "parse_error" ? r.args : JSON.stringify(r.args ?? {}),
    outcome: OUTCOME[r.outcome],
    result_json: r.outcome === "ok" ? JSON.stringify(r.result ?? null) : "",
    error: r.error ? { code: r.error.code, message: r.error.message } : null,
    changes: r.changes.map((c) => ({ path: c.path, op: c.op })),
    clock: r.at,
    status: OK_STATUS,
    session_id: sessionId,
  };
}

export function session(env: Environment, info: SessionInfo, taskId = ""): Session {
  return {
    session_id: info.id,
    servers: info.domains,
    seed: info.seed,
    tools: info.tools,
    state_hash: env.hash(info.id),
    parent_id: info.parent ?? "",
    calls: info.calls,
    task_id: taskId,
  };
}

export function toolInfo(t: Tool): ToolInfo {
  const { full, portable } = toolSchemas(t);
  return {
    name: t.name,
    server: t.domain,
    description: t.description,
    input_schema_json: JSON.stringify(full),
    read_only: t.readOnly,
    destructive: t.destructive,
    produces: t.produces ?? "",
    discovers: [...t.discovers],
    sensitive_params: t.params.filter((p) => p.sensitive).map((p) => p.name),
    portable_schema_json: JSON.stringify(portable),
  };
}

export function stepResult(sessionId: string, out: StepOutcome): StepResult {
  return {
    session_id: sessionId,
    calls: out.calls.map((c) => ({ id: c.id, name: c.name, arguments_json: JSON.stringify(c.arguments), result: callResult(c.record, sessionId) })),
    format_errors: out.formatErrors.map((e) => ({ message: e.message, fragment: e.fragment })),
    reply_text: out.reply,
    tool_messages_json: JSON.stringify(out.toolMessages),
    rendered: out.rendered,
    outcome: OUTCOME[out.outcome],
    state_hash: out.hash,
    status: OK_STATUS,
  };
}
