import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { domains } from "../../ts/servers/index.ts";
import { openAITeacher, synthesize } from "../../ts/synth/index.ts";

/**
 * A fake OpenAI-compatible endpoint, started in the test: it rewrites "Message to rewrite:" the
 * way `mode` says, writes replies that state the facts it is asked to state, and records what it saw.
 */
let server: Server;
let url: string;
let mode: "keep" | "drop" | "leak" = "keep";
let failFirst = 0;
let leakWords: string[] = [];
const seen: Array<{ path: string; system: string; user: string }> = [];
let inFlight = 0;
let maxInFlight = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      setTimeout(() => {
        inFlight--;
        if (failFirst > 0) {
          failFirst--;
          res.writeHead(503).end("busy");
          return;
        }
        const { messages } = JSON.parse(body) as { messages: Array<{ content: string }> };
        const system = messages[0]?.content ?? "";
        const user = messages[1]?.content ?? "";
        seen.push({ path: req.url ?? "", system, user });
        let content: string;
        if (system.startsWith("You are the assistant")) {
          const facts = [...(/State exactly: (.*)\. Answer/.exec(system)?.[1] ?? "").matchAll(/"([^"]*)"/g)].map((m) => m[1]);
          content = `All set${facts.length ? `: ${facts.join(", ")}` : ""}.`;
        } else {
          const message = user.split("Message to rewrite:\n")[1] ?? user;
          content =
            mode === "keep" ? `So, here's my request: ${message}` : mode === "drop" ? "Do the thing for me." : `${message} It's ${leakWords.join(" or ")}.`;
        }
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ choices: [{ message: { role: "assistant", content } }] }));
      }, 15);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  seen.length = 0;
  mode = "keep";
  failFirst = 0;
  maxInFlight = 0;
});

const conversations = {
  count: 6,
  domains: ["banking", "email"],
  mix: { conversation: 1, clarification: 0, abstention: 0 },
  info_levels: { complete: 1, missing_required: 0, minimal: 0 },
};

describe("the teacher path", () => {
  it("rewrites each turn with the conversation so far as context, several tasks at a time, and keeps the calls", async () => {
    const plain = await synthesize({ seed: "teach", config: conversations, domains });
    const teacher = openAITeacher(url, { concurrency: 4 });
    const taught = await synthesize({ seed: "teach", config: conversations, domains, teacher });
    expect(seen[0]?.path).toBe("/v1/chat/completions");
    expect(maxInFlight).toBeGreaterThan(1);
    expect(teacher.stats.accepted).toBeGreaterThan(0);
    const first = plain.tasks[0]!;
    expect(taught.tasks[0]!.turns[0]!.user).toBe(`So, here's my request: ${first.turns[0]!.user}`);
    // A later turn's rewrite saw the earlier turns of its conversation.
    const later = seen.find((s) => s.user.includes(`Message to rewrite:\n${first.turns[1]!.user}`));
    expect(later?.user).toContain(`Conversation so far:\nUser: So, here's my request: ${first.turns[0]!.user}`);
    // The teacher words the requests and replies; the state machine grounds the calls.
    expect(taught.tasks.map((t) => t.turns.map((x) => x.steps))).toEqual(plain.tasks.map((t) => t.turns.map((x) => x.steps)));
    const replies = taught.chats[0]!.messages.filter((m) => m.role === "assistant" && !m.tool_calls).map((m) => m.content);
    expect(replies.some((r) => r.startsWith("All set"))).toBe(true);
  });

  it("retries a busy endpoint", async () => {
    failFirst = 3;
    const teacher = openAITeacher(url, { concurrency: 1, retries: 3, backoffMs: 5 });
    await synthesize({ seed: "teach", config: { ...conversations, count: 2 }, domains, teacher });
    expect(teacher.stats.retried).toBe(3);
    expect(teacher.stats.failed).toBe(0);
    expect(teacher.stats.accepted).toBeGreaterThan(0);
  });

  it("rejects a rewrite that drops what grounds the request", async () => {
    mode = "drop";
    const plain = await synthesize({ seed: "teach", config: conversations, domains });
    const teacher = openAITeacher(url);
    const taught = await synthesize({ seed: "teach", config: conversations, domains, teacher });
    expect(teacher.stats.rejected_missing).toBeGreaterThan(0);
    // Every request that names an entity or a value keeps its template.
    plain.tasks.forEach((t, i) =>
      t.turns.forEach((turn, k) => {
        if (/\(|\d/.test(turn.user)) expect(taught.tasks[i]!.turns[k]!.user).toBe(turn.user);
      }),
    );
  });

  it("rejects a rewrite that says the value a clarification leaves out", async () => {
    const config = { count: 5, domains: ["banking", "budget"], mix: { conversation: 0, clarification: 1, abstention: 0 } };
    const plain = await synthesize({ seed: "teach", config, domains });
    // What each answer turn gives: the value the question turn must not state.
    leakWords = plain.tasks.map((t) =>
      t.turns[1]!.user.replace(/^(Make it|Use|Call it|On|At|Let's go with|Let's do|Put it at|Send it to|It should say|Say|Write)\s+/i, "").replace(
        /(, please)?\.$/,
        "",
      ),
    );
    mode = "leak";
    const teacher = openAITeacher(url);
    const taught = await synthesize({ seed: "teach", config, domains, teacher });
    expect(teacher.stats.rejected_leak).toBeGreaterThan(0);
    plain.tasks.forEach((t, i) => expect(taught.tasks[i]!.turns[0]!.user).toBe(t.turns[0]!.user));
  });

  it("falls back to the templates when the endpoint is down", async () => {
    const down = openAITeacher("http://127.0.0.1:9/v1", { timeoutMs: 2000, retries: 1, backoffMs: 5 });
    const data = await synthesize({ seed: "teach", config: { count: 2, domains: ["banking"] }, domains, teacher: down });
    expect(down.stats.failed).toBeGreaterThan(0);
    expect(data.tasks).toHaveLength(2);
  });
});
