/**
 * A typed grpc-js client of the PROVE service for TypeScript trainers, over one target or
 * several shards ("127.0.0.1:50051,127.0.0.1:50052", as `prove serve --shards N` prints them).
 *
 * With several targets, each call on a session goes to the shard its id names (ts/rpc/routing.ts),
 * learned from each target's ListServers on first use; new sessions go round-robin; batches are
 * split by shard, sent at once and merged back in request order. With one target nothing is
 * routed: every call goes there, as with a plain grpc-js client.
 */
import * as grpc from "@grpc/grpc-js";
import type { CallResult__Output } from "./generated/prove/v1/CallResult.ts";
import type { CallToolRequest } from "./generated/prove/v1/CallToolRequest.ts";
import type { CloseSessionResponse__Output } from "./generated/prove/v1/CloseSessionResponse.ts";
import type { CreateSessionRequest } from "./generated/prove/v1/CreateSessionRequest.ts";
import type { EnvironmentClient } from "./generated/prove/v1/Environment.ts";
import type { ForkSessionResponse__Output } from "./generated/prove/v1/ForkSessionResponse.ts";
import type { GetJournalResponse__Output } from "./generated/prove/v1/GetJournalResponse.ts";
import type { ListServersResponse__Output } from "./generated/prove/v1/ListServersResponse.ts";
import type { RewardClient } from "./generated/prove/v1/Reward.ts";
import type { ScoreGroupRequest } from "./generated/prove/v1/ScoreGroupRequest.ts";
import type { ScoreGroupResponse__Output } from "./generated/prove/v1/ScoreGroupResponse.ts";
import type { Session__Output } from "./generated/prove/v1/Session.ts";
import type { StateResponse__Output } from "./generated/prove/v1/StateResponse.ts";
import type { StepRequest } from "./generated/prove/v1/StepRequest.ts";
import type { StepResult__Output } from "./generated/prove/v1/StepResult.ts";
import { loadProto } from "./proto.ts";
import { mergeByPosition, RoundRobin, shardOf, splitByShard, unknownSession } from "./routing.ts";
import { MAX_MESSAGE_BYTES } from "./server.ts";

/**
 * A 16 MiB HTTP/2 connection window for replies: grpc-js keeps Node's 64 KB default, which a
 * connection carrying hundreds of calls' replies (states, journals) shares, so replies queued
 * behind it for tens of seconds under a soak's load (the server's send window sat at 0).
 */
export const CHANNEL_OPTIONS = { "grpc-node.flow_control_window": 16 * 2 ** 20 } as const;

export interface ClientOptions {
  /** Bearer token of a service started with one (PROVE_TOKEN). */
  token?: string;
  /** Deadline of each call (default 60 s). */
  deadlineMs?: number;
}

/** The request and reply types of a generated unary method (its last overload: argument, callback). */
type Req<F> = F extends (argument: infer A, callback: grpc.requestCallback<infer _R>) => grpc.ClientUnaryCall ? A : never;
type Res<F> = F extends (argument: infer _A, callback: grpc.requestCallback<infer R>) => grpc.ClientUnaryCall ? R : never;

/** An error shaped as grpc-js's own (code, details), for what the client refuses before sending. */
function statusError(code: grpc.status, details: string): grpc.ServiceError {
  return Object.assign(new Error(`${code} ${grpc.status[code]}: ${details}`), { code, details, metadata: new grpc.Metadata() });
}

/** "a:1,b:2" or ["a:1", "b:2"] → the targets. */
export function targetsOf(target: string | readonly string[]): string[] {
  const list = (typeof target === "string" ? target.split(",") : [...target]).map((t) => t.trim()).filter(Boolean);
  if (list.length === 0) throw new Error("no target given: pass host:port, or a comma-separated list of shards");
  return list;
}

/** Whether a loaded service's clients have the methods the generated client type `C` describes (then they are `C`s). */
function builds<C extends grpc.Client>(
  ctor: grpc.ServiceClientConstructor,
  methods: ReadonlyArray<keyof C & string>,
): ctor is (new (...args: ConstructorParameters<typeof grpc.Client>) => C) & grpc.ServiceClientConstructor {
  return methods.every((m) => typeof (ctor.prototype as Record<string, unknown>)[m] === "function");
}

interface Shard {
  target: string;
  env: EnvironmentClient;
  reward: RewardClient;
}

/**
 * The copies a ForkSession reply names: expanded from a compact reply, or as listed by a service
 * from before compact forks, which answers with a full record per copy.
 */
export function forkCopies(reply: ForkSessionResponse__Output): Session__Output[] {
  const { shared } = reply;
  return shared ? reply.session_ids.map((id) => ({ ...shared, session_id: id })) : reply.sessions;
}

export class ProveClient {
  readonly targets: string[];
  private readonly shards: Shard[];
  private readonly metadata = new grpc.Metadata();
  private readonly deadlineMs: number;
  private readonly turns: RoundRobin;
  /** Shard name → index in `shards`, learned from each target's ListServers (several targets only). */
  private names?: Promise<Map<string, number>>;

  constructor(target: string | readonly string[] = "127.0.0.1:50051", opts: ClientOptions = {}) {
    this.targets = targetsOf(target);
    const { services } = loadProto();
    const options = { ...CHANNEL_OPTIONS, "grpc.max_receive_message_length": MAX_MESSAGE_BYTES, "grpc.max_send_message_length": MAX_MESSAGE_BYTES };
    const Env = services.Environment;
    const Reward = services.Reward;
    if (
      !builds<EnvironmentClient>(Env, [
        "CreateSession",
        "ForkSession",
        "Step",
        "StepBatch",
        "CallTool",
        "GetState",
        "GetJournal",
        "CloseSession",
        "ListServers",
      ])
    )
      throw new Error("the loaded protos lack Environment methods this client calls");
    if (!builds<RewardClient>(Reward, ["ScoreGroup"])) throw new Error("the loaded protos lack Reward.ScoreGroup");
    this.shards = this.targets.map((t) => ({
      target: t,
      env: new Env(t, grpc.credentials.createInsecure(), options),
      reward: new Reward(t, grpc.credentials.createInsecure(), options),
    }));
    if (opts.token) this.metadata.set("authorization", `Bearer ${opts.token}`);
    this.deadlineMs = opts.deadlineMs ?? 60_000;
    this.turns = new RoundRobin(this.shards.length);
  }

  /** Waits until every target answers, and learns their shards. */
  async ready(timeoutMs = 10_000): Promise<this> {
    await Promise.all(
      this.shards.map(
        (s) =>
          new Promise<void>((resolve, reject) =>
            s.env.waitForReady(Date.now() + timeoutMs, (err) =>
              err ? reject(statusError(grpc.status.UNAVAILABLE, `no PROVE service answered at ${s.target} within ${timeoutMs} ms`)) : resolve(),
            ),
          ),
      ),
    );
    await this.shardNames();
    return this;
  }

  private unary<C extends grpc.Client, K extends keyof C>(client: C, method: K, request: Req<C[K]>): Promise<Res<C[K]>> {
    return new Promise((resolve, reject) => {
      const fn = client[method] as (...args: unknown[]) => grpc.ClientUnaryCall;
      fn.call(client, request, this.metadata, { deadline: Date.now() + this.deadlineMs }, (err: grpc.ServiceError | null, res: Res<C[K]>) =>
        err ? reject(err) : resolve(res),
      );
    });
  }

  private shardNames(): Promise<Map<string, number>> {
    this.names ??= (async () => {
      const names = new Map<string, number>();
      if (this.shards.length === 1) return names;
      const replies = await Promise.all(this.shards.map((s) => this.unary(s.env, "ListServers", {})));
      replies.forEach((r, i) => {
        const target = this.targets[i] as string;
        if (!r.shard) throw statusError(grpc.status.FAILED_PRECONDITION, `${target} does not name its shard (a service older than shard routing)`);
        const twice = names.get(r.shard);
        if (twice !== undefined)
          throw statusError(
            grpc.status.FAILED_PRECONDITION,
            `${this.targets[twice]} and ${target} are both shard "${r.shard}": start each with its own --shard NAME`,
          );
        names.set(r.shard, i);
      });
      return names;
    })();
    // A failed discovery (a shard not up yet) is tried again on the next call.
    this.names.catch(() => (this.names = undefined));
    return this.names;
  }

  /** The shard holding a session; one target holds every session. */
  private async at(sessionId: string): Promise<Shard> {
    if (this.shards.length === 1) return this.shards[0] as Shard;
    const names = await this.shardNames();
    const i = names.get(shardOf(sessionId));
    if (i === undefined) throw statusError(grpc.status.NOT_FOUND, unknownSession(sessionId, names.keys()));
    return this.shards[i] as Shard;
  }

  /** Any shard, in turn. */
  private any(): Shard {
    return this.shards[this.turns.next()] as Shard;
  }

  /**
   * Runs a batch split by shard: each shard's items in one call, all shards at once, the results
   * merged in request order; items on no known shard get `missing(position)`.
   */
  private async split<I, R>(
    items: readonly I[],
    idOf: (item: I) => string,
    send: (s: Shard, part: I[]) => Promise<R[]>,
    missing: (i: number) => R,
  ): Promise<R[]> {
    if (this.shards.length === 1) return send(this.shards[0] as Shard, [...items]);
    const names = await this.shardNames();
    const { parts, unknown } = splitByShard(items.map(idOf), new Set(names.keys()));
    const sent = [...parts].map(
      async ([shard, positions]) =>
        [
          positions,
          await send(
            this.shards[names.get(shard) as number] as Shard,
            positions.map((p) => items[p] as I),
          ),
        ] as const,
    );
    return mergeByPosition(items.length, [...(await Promise.all(sent)), [unknown, unknown.map(missing)] as const]);
  }

  /** Every shard's ListServers reply (domains, open sessions, limit, shard name), in target order. */
  listServers(): Promise<ListServersResponse__Output[]> {
    return Promise.all(this.shards.map((s) => this.unary(s.env, "ListServers", {})));
  }

  createSession(request: CreateSessionRequest): Promise<Session__Output> {
    return this.unary(this.any().env, "CreateSession", request);
  }

  /** Copies of a session; asked for compact (ids and one shared record) and expanded here. */
  async forkSession(sessionId: string, count = 1): Promise<Session__Output[]> {
    return forkCopies(await this.unary((await this.at(sessionId)).env, "ForkSession", { session_id: sessionId, count, compact: true }));
  }

  async callTool(request: CallToolRequest & { session_id: string }): Promise<CallResult__Output> {
    return this.unary((await this.at(request.session_id)).env, "CallTool", request);
  }

  async step(request: StepRequest & { session_id: string }): Promise<StepResult__Output> {
    return this.unary((await this.at(request.session_id)).env, "Step", request);
  }

  /** A whole group's turn; items on an unknown shard answer NOT_FOUND, as a service does for an unknown session. */
  async stepBatch(steps: ReadonlyArray<StepRequest & { session_id: string }>): Promise<StepResult__Output[]> {
    const known = await this.knownNames();
    return this.split(
      steps,
      (s) => s.session_id,
      async (s, part) => (await this.unary(s.env, "StepBatch", { steps: part })).results,
      (i) => notRunStep(steps[i]?.session_id ?? "", known),
    );
  }

  async getState(sessionId: string, includeState = false): Promise<StateResponse__Output> {
    return this.unary((await this.at(sessionId)).env, "GetState", { session_id: sessionId, include_state: includeState });
  }

  /** One page of a session's journal (`more` and `next_index` say whether to ask again). */
  async getJournal(sessionId: string, fromIndex = 0): Promise<GetJournalResponse__Output> {
    return this.unary((await this.at(sessionId)).env, "GetJournal", { session_id: sessionId, from_index: fromIndex });
  }

  /** Closes sessions on their shards; ids on no known shard are `missing`, as unknown ids are. */
  async closeSessions(sessionIds: readonly string[]): Promise<CloseSessionResponse__Output> {
    const results = await this.split(
      sessionIds,
      (id) => id,
      async (s, part) => {
        const r = await this.unary(s.env, "CloseSession", { session_ids: part });
        const missing = new Set(r.missing);
        return part.map((id) => !missing.has(id));
      },
      () => false,
    );
    return { closed: results.filter(Boolean).length, missing: sessionIds.filter((_, i) => !results[i]) };
  }

  /**
   * Scores a GRPO group on the shard its sessions live on (a group is forked from one root, so
   * one shard); a group of trajectories only goes to any shard.
   */
  async scoreGroup(request: ScoreGroupRequest): Promise<ScoreGroupResponse__Output> {
    return this.unary((await this.groupShard(request.session_ids ?? [])).reward, "ScoreGroup", request);
  }

  private async groupShard(sessionIds: readonly string[]): Promise<Shard> {
    if (this.shards.length === 1) return this.shards[0] as Shard;
    const names = await this.shardNames();
    const { parts } = splitByShard(sessionIds, new Set(names.keys()));
    if (parts.size > 1)
      throw statusError(
        grpc.status.INVALID_ARGUMENT,
        `a group's sessions live on one shard (fork them from one root); these are on ${[...parts.keys()].join(", ")}`,
      );
    // Sessions on no known shard are scored by any shard, which answers them "unknown session" as one service does.
    const [shard] = parts.keys();
    return shard === undefined ? this.any() : (this.shards[names.get(shard) as number] as Shard);
  }

  private async knownNames(): Promise<string[]> {
    return this.shards.length === 1 ? [] : [...(await this.shardNames()).keys()];
  }

  close(): void {
    for (const s of this.shards) {
      s.env.close();
      s.reward.close();
    }
  }
}

/** A batch item for a session on no known shard: not run, NOT_FOUND, as a service answers an unknown session. */
function notRunStep(sessionId: string, known: readonly string[]): StepResult__Output {
  return {
    session_id: sessionId,
    calls: [],
    format_errors: [],
    reply_text: "",
    tool_messages_json: "",
    rendered: "",
    outcome: "OUTCOME_REJECTED",
    state_hash: "",
    status: { code: grpc.status.NOT_FOUND, message: unknownSession(sessionId, known) },
  };
}
