/**
 * A small held-out set of four banking tasks whose every number can be worked out by hand, and a
 * fake OpenAI-compatible chat server that answers them with scripted policies.
 *
 * Tasks (seed 7; the seeded bank has ACC-1002 "Joint Checking" with balance 1481.09 and cards
 * CARD-1001 and CARD-1002):
 * - bal-freeze  conversation, complete, 1 turn: get_balance(ACC-1002), freeze_card(CARD-1002); fact 1481.09
 * - two-turns   conversation, minimal, 2 turns: list_accounts(checking) | get_balance(ACC-1002)
 * - limit       clarification, missing_required, 2 turns: (ask for the limit) | list_cards(ACC-1001), set_card_limit(CARD-1001, 1500)
 * - flight      abstention, complete, 1 turn: no offered tool books flights
 */
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join, resolve } from "node:path";
import { openAIFunction } from "../../ts/servers/framework/index.ts";
import { domains } from "../../ts/servers/index.ts";
import { buildTask } from "../../ts/tasks/build.ts";
import type { Task } from "../../ts/tasks/schema.ts";

const ROOT = resolve(import.meta.dirname, "../..");
/** The trainer's Python: $PYTHON, else the Makefile's .venv. */
export const PYTHON = process.env.PYTHON ?? join(ROOT, ".venv/bin/python");

/** `node bin/prove.mjs ARGS` with the trainer's Python; its exit code and output. */
export function prove(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done) => {
    const child = spawn("node", [join(ROOT, "bin/prove.mjs"), ...args], { cwd: ROOT, env: { ...process.env, PYTHON }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("close", (code) => done({ code, out, err }));
  });
}

const found = domains.find((d) => d.name === "banking");
if (!found) throw new Error("no banking domain");
const banking = found;
export const OFFERED = ["list_accounts", "get_balance", "list_cards", "freeze_card", "set_card_limit"];

export function bankTasks(): Task[] {
  const base = { seed: "7", domains: [banking], tools: OFFERED, system: "You help with banking." };
  const balFreeze = buildTask({
    ...base,
    id: "bal-freeze",
    turns: [
      {
        user: "What is the balance of ACC-1002? Then freeze card CARD-1002.",
        steps: [
          { tool: "get_balance", args: { account_id: "ACC-1002" } },
          { tool: "freeze_card", args: { card_id: "CARD-1002" } },
        ],
        facts: ["1481.09"],
      },
    ],
  });
  const twoTurns = {
    ...buildTask({
      ...base,
      id: "two-turns",
      turns: [
        { user: "List my checking accounts.", steps: [{ tool: "list_accounts", args: { type: "checking" } }], facts: ["ACC-1001"] },
        { user: "What is the balance of the joint one?", steps: [{ tool: "get_balance", args: { account_id: "ACC-1002" } }], facts: ["1481.09"] },
      ],
    }),
    info_level: "minimal" as const,
  };
  const limit = buildTask({
    ...base,
    id: "limit",
    turns: [
      { user: "Change the daily limit of card CARD-1001.", expect: "clarify" },
      {
        user: "Make it 1500.",
        steps: [
          { tool: "list_cards", args: { account_id: "ACC-1001" } },
          { tool: "set_card_limit", args: { card_id: "CARD-1001", daily_limit: 1500 } },
        ],
        facts: ["1500"],
      },
    ],
  });
  const clarify = { ...limit, info_level: "missing_required" as const, turns: limit.turns.map((t, i) => (i === 0 ? { ...t, missing: ["daily_limit"] } : t)) };
  const flight = buildTask({ ...base, id: "flight", turns: [{ user: "Book me a flight to Paris next Friday.", expect: "abstain" }] });
  return [balFreeze, twoTurns, clarify, flight];
}

/** tasks.jsonl and chat.jsonl (the offered tools inline) of the tasks, in `dir`. */
export function writeTasks(dir: string, tasks: readonly Task[]): string {
  mkdirSync(dir, { recursive: true });
  const tools = JSON.stringify(
    OFFERED.map((name) => {
      const tool = banking.tools.find((t) => t.name === name);
      if (!tool) throw new Error(`banking has no tool ${name}`);
      return openAIFunction(tool);
    }),
  );
  writeFileSync(join(dir, "tasks.jsonl"), tasks.map((t) => JSON.stringify(t)).join("\n") + "\n");
  writeFileSync(join(dir, "chat.jsonl"), tasks.map((t) => JSON.stringify({ id: t.id, messages: [], tools })).join("\n") + "\n");
  return dir;
}

interface ToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}
export interface Reply {
  content: string | null;
  tool_calls?: ToolCall[];
}

let ids = 0;
const call = (name: string, args: unknown, raw?: string): Reply => ({
  content: null,
  tool_calls: [{ id: `fake_${ids++}`, type: "function", function: { name, arguments: raw ?? JSON.stringify(args) } }],
});
const say = (text: string): Reply => ({ content: text });

/** What a policy says when a turn needs no call: a question, or a refusal. */
function noCallTurn(expect: string): Reply[] {
  return [expect === "clarify" ? say("Could you tell me the daily limit you want?") : say("Sorry, none of my tools can book flights.")];
}

/** A policy: for each user turn of a task, its assistant messages in order. */
export type Script = (task: Task) => Reply[][];

export const SCRIPTS: Record<string, Script> = {
  /** The ground truth, one call per message, then the turn's facts. */
  perfect: (task) =>
    task.turns.map((t) =>
      t.expect === "call" ? [...t.steps.map((s) => call(s.tool, s.args)), say(`Done: ${t.answer_facts.join(", ")}.`)] : noCallTurn(t.expect),
    ),
  /** The same, with the first call of each turn made three times (two extra calls). */
  verbose: (task) =>
    task.turns.map((t) => {
      if (t.expect !== "call") return noCallTurn(t.expect);
      const first = t.steps[0];
      const extra = first ? [call(first.tool, first.args), call(first.tool, first.args)] : [];
      return [...extra, ...t.steps.map((s) => call(s.tool, s.args)), say(`Done: ${t.answer_facts.join(", ")}.`)];
    }),
  /** One call per turn whose arguments are not valid JSON, then a reply that states nothing. */
  "broken-json": (task) =>
    task.turns.map((t) =>
      t.expect === "call" ? [call(t.steps[0]?.tool ?? "get_balance", null, '{"account_id": "ACC-10'), say("I could not do that.")] : noCallTurn(t.expect),
    ),
};

interface Request {
  model: string;
  messages: Array<{ role: string; content: string | null; tool_calls?: ToolCall[]; tool_call_id?: string }>;
  tools?: unknown[];
}

export interface FakeServer {
  url: string;
  requests: number;
  /** Requests the server refused as malformed (a tool result answering no call, no tools …). */
  refused: string[];
  close(): Promise<void>;
}

/** An OpenAI-compatible /v1/chat/completions on loopback that plays SCRIPTS[model] on the tasks. */
export async function startFakeOpenAI(tasks: readonly Task[]): Promise<FakeServer> {
  const byFirstTurn = new Map(tasks.map((t) => [t.turns[0]?.user, t]));
  const state: FakeServer = { url: "", requests: 0, refused: [], close: async () => undefined };
  const refuse = (res: import("node:http").ServerResponse, why: string) => {
    state.refused.push(why);
    res.writeHead(400, { "Content-Type": "application/json" }).end(JSON.stringify({ error: { message: why } }));
  };
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      state.requests++;
      if (req.method !== "POST" || req.url !== "/v1/chat/completions") return refuse(res, `unexpected ${req.method} ${req.url}`);
      const r = JSON.parse(body) as Request;
      const script = SCRIPTS[r.model];
      if (!script) return refuse(res, `unknown model ${r.model}`);
      if (!Array.isArray(r.tools) || r.tools.length !== OFFERED.length) return refuse(res, "the offered tools are missing");
      const users = r.messages.filter((m) => m.role === "user");
      const task = byFirstTurn.get(users[0]?.content ?? undefined);
      if (!task) return refuse(res, `no task starts with ${users[0]?.content}`);
      // Every tool result must answer a call of the assistant message before it, by id.
      const called = new Set(r.messages.flatMap((m) => (m.tool_calls ?? []).map((c) => c.id)));
      const orphan = r.messages.find((m) => m.role === "tool" && !called.has(m.tool_call_id ?? ""));
      if (orphan) return refuse(res, `a tool result answers no call (${orphan.tool_call_id})`);
      const lastUser = r.messages.map((m) => m.role).lastIndexOf("user");
      const written = r.messages.slice(lastUser).filter((m) => m.role === "assistant").length;
      const turn = script(task)[users.length - 1] ?? [];
      const message = turn[written] ?? say("Anything else?");
      res.writeHead(200, { "Content-Type": "application/json" }).end(
        JSON.stringify({
          id: `chatcmpl-${state.requests}`,
          object: "chat.completion",
          model: r.model,
          choices: [{ index: 0, message: { role: "assistant", ...message }, finish_reason: message.tool_calls ? "tool_calls" : "stop" }],
          usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
        }),
      );
    });
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", () => ok()));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  state.close = () => new Promise<void>((ok) => server.close(() => ok()));
  return state;
}
