/**
 * An optional teacher: any OpenAI-compatible chat endpoint (`--teacher URL`) rewrites the
 * template requests in natural language and writes the assistant's replies, as the paper's
 * teacher model did. It sees the whole conversation so far, so a later turn can say "that
 * order"; tasks are rewritten concurrently (turns of one task in order), failed requests are
 * retried with back-off, and a rewrite is rejected — the template kept — when it drops a string
 * that grounds the request (an id, a stated value, a description the model must look up) or
 * leaks a value the user is meant to withhold (the one a clarification asks for).
 */
import { grammarProblems } from "./grammar.ts";
import type { Candidate } from "./pipeline.ts";
import { spoken } from "./phrase.ts";
import { paramClass } from "./classes.ts";

export interface TeacherStats {
  requests: number;
  retried: number;
  failed: number;
  accepted: number;
  rejected_missing: number;
  rejected_leak: number;
}

export interface Teacher {
  /** The endpoint's answer to one chat, retried on failure; undefined when it never answered. */
  complete(system: string, user: string): Promise<string | undefined>;
  /** Tasks rewritten at the same time. */
  readonly concurrency: number;
  readonly stats: TeacherStats;
}

export interface TeacherOptions {
  model?: string;
  apiKey?: string;
  timeoutMs?: number;
  concurrency?: number;
  retries?: number;
  /** First back-off in ms, doubled each retry. */
  backoffMs?: number;
}

export function openAITeacher(url: string, opts: TeacherOptions = {}): Teacher {
  const endpoint = /\/chat\/completions\/?$/.test(url) ? url : `${url.replace(/\/$/, "")}/chat/completions`;
  const stats: TeacherStats = { requests: 0, retried: 0, failed: 0, accepted: 0, rejected_missing: 0, rejected_leak: 0 };
  const retries = opts.retries ?? 2;

  async function once(system: string, user: string): Promise<string> {
    stats.requests++;
    const res = await fetch(endpoint, {
      method: "POST",
      headers: { "content-type": "application/json", ...(opts.apiKey ? { authorization: `Bearer ${opts.apiKey}` } : {}) },
      body: JSON.stringify({
        model: opts.model ?? "teacher",
        temperature: 0.7,
        messages: [
          { role: "system", content: system },
          { role: "user", content: user },
        ],
      }),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const body = (await res.json()) as { choices?: Array<{ message?: { content?: string } }> };
    const text = body.choices?.[0]?.message?.content?.trim();
    if (!text) throw new Error("empty completion");
    return text;
  }

  return {
    stats,
    concurrency: Math.max(1, opts.concurrency ?? 8),
    async complete(system, user) {
      for (let attempt = 0; attempt <= retries; attempt++) {
        try {
          return await once(system, user);
        } catch {
          if (attempt === retries) break;
          stats.retried++;
          await new Promise((r) => setTimeout(r, (opts.backoffMs ?? 200) * 2 ** attempt));
        }
      }
      stats.failed++;
      return undefined;
    },
  };
}

/** Rewrites every kept task's requests and replies, several tasks at a time. */
export async function teach(tasks: readonly Candidate[], teacher: Teacher): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await teachOne(tasks[next++] as Candidate, teacher);
  };
  await Promise.all(Array.from({ length: Math.min(teacher.concurrency, tasks.length) }, worker));
}

async function teachOne(c: Candidate, teacher: Teacher): Promise<void> {
  const history: string[] = [];
  for (const [i, turn] of c.task.turns.entries()) {
    const built = c.built[i];
    const keep = [
      ...new Set(
        built?.executed
          .filter((e) => !e.lookup)
          .flatMap((e) => [
            ...e.refs.map((r) => grounding(r.text)),
            ...e.values.map((v) =>
              v.text !== undefined ? grounding(v.text) : v.value === undefined ? undefined : spoken(v.param, v.value, paramClass(e.tool, v.param)),
            ),
          ])
          .filter((k): k is string => !!k) ?? [],
      ),
    ];
    const leak = withheldValues(c, i);
    const rewritten = await rewrite(teacher, history, turn.user, keep, leak);
    if (rewritten) turn.user = rewritten;
    history.push(`User: ${turn.user}`);
    if (built && turn.steps.length) {
      const results = built.executed
        .map((e) => `${e.step.tool} → ${JSON.stringify(e.record.result)}`)
        .join("\n")
        .slice(0, 4000);
      const reply = await teacher.complete(
        `You are the assistant in this conversation. Reply to the user's last message in one or two sentences, after these tool calls and results:\n${results}\nState exactly: ${turn.answer_facts.map((f) => JSON.stringify(f)).join(", ") || "that it is done"}. Answer with the reply only.`,
        [...history].join("\n"),
      );
      if (reply && turn.answer_facts.every((f) => reply.toLowerCase().includes(f.toLowerCase()))) {
        built.reply = reply;
        teacher.stats.accepted++;
      } else if (reply) teacher.stats.rejected_missing++;
    }
    history.push(`Assistant: ${built?.reply ?? ""}`);
  }
}

/** What a mention must keep through a rewrite: the id it states, else its words; nothing for a reference back ("it", "the payee you just added"). */
function grounding(text: string): string | undefined {
  const id = /\(([^()]+)\)$/.exec(text)?.[1];
  if (id) return id;
  return /^(it|its |that |the new |the same text as (it|that )|the .* you (just )?\w+$)/.test(text) ? undefined : text;
}

/** The value a clarification turn leaves out: the next turn's answer states it, this one must not. */
function withheldValues(c: Candidate, i: number): string[] {
  const turn = c.task.turns[i];
  const answer = c.built[i + 1];
  if (turn?.expect !== "clarify" || !answer) return [];
  const names = new Set(turn.missing ?? []);
  return answer.executed.flatMap((e) =>
    e.values
      .filter((v) => names.has(v.param.name) && v.value !== undefined)
      .flatMap((v) => [String(v.value), spoken(v.param, v.value, paramClass(e.tool, v.param))]),
  );
}

async function rewrite(
  teacher: Teacher,
  history: readonly string[],
  text: string,
  keep: readonly string[],
  leak: readonly string[],
): Promise<string | undefined> {
  const out = await teacher.complete(
    [
      "Rewrite the user's next message to an assistant so it sounds like a real person wrote it, in the context of the conversation so far.",
      "Keep its meaning and keep it one message.",
      keep.length ? `Keep these exact strings: ${keep.map((k) => JSON.stringify(k)).join(", ")}.` : "",
      leak.length ? "Do not add any detail the message does not already give." : "",
      "Answer with the rewritten message only.",
    ]
      .filter(Boolean)
      .join(" "),
    `${history.length ? `Conversation so far:\n${history.join("\n")}\n\n` : ""}Message to rewrite:\n${text}`,
  );
  if (!out) return undefined;
  const lower = out.toLowerCase();
  if (!keep.every((k) => lower.includes(k.toLowerCase()))) {
    teacher.stats.rejected_missing++;
    return undefined;
  }
  if (leak.some((v) => v.length > 0 && lower.includes(v.toLowerCase())) || grammarProblems(out).some((p) => p.rule.startsWith("leaked"))) {
    teacher.stats.rejected_leak++;
    return undefined;
  }
  teacher.stats.accepted++;
  return out;
}
