/**
 * An optional teacher: any OpenAI-compatible chat endpoint (`--teacher URL`) rewrites the
 * template queries in natural language and writes the assistant's closing replies, as the
 * paper's teacher model did. Every rewrite must keep the strings that ground it (entity
 * descriptions, ids, values) or it is discarded; without a teacher nothing needs a model.
 */
export interface Teacher {
  /** The request rewritten naturally, or the original when the rewrite lost a required string. */
  paraphrase(text: string, keep: readonly string[]): Promise<string>;
  /** The assistant's reply to close a turn, given what the tools returned; must state the facts. */
  reply(user: string, results: readonly string[], facts: readonly string[], fallback: string): Promise<string>;
  readonly stats: { requests: number; accepted: number; rejected: number; failed: number };
}

export function openAITeacher(url: string, opts: { model?: string; apiKey?: string; timeoutMs?: number } = {}): Teacher {
  const endpoint = /\/chat\/completions\/?$/.test(url) ? url : `${url.replace(/\/$/, "")}/chat/completions`;
  const stats = { requests: 0, accepted: 0, rejected: 0, failed: 0 };

  async function complete(system: string, user: string): Promise<string | undefined> {
    stats.requests++;
    try {
      const res = await fetch(endpoint, {
        method: "POST",
        headers: { "content-type": "application/json", ...(opts.apiKey ? { authorization: `Bearer ${opts.apiKey}` } : {}) },
        body: JSON.stringify({ model: opts.model ?? "teacher", temperature: 0.7, messages: [{ role: "system", content: system }, { role: "user", content: user }] }),
        signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const body = (await res.json()) as { choices?: Array<{ message?: { content?: string } }> };
      const text = body.choices?.[0]?.message?.content?.trim();
      if (!text) throw new Error("empty completion");
      return text;
    } catch {
      stats.failed++;
      return undefined;
    }
  }

  const keeps = (text: string, keep: readonly string[]) => keep.every((k) => text.toLowerCase().includes(k.toLowerCase()));

  return {
    stats,
    async paraphrase(text, keep) {
      const out = await complete(
        `Rewrite the user's request to an assistant so it sounds like a real person wrote it. Keep its meaning. Keep these exact strings: ${keep.map((k) => JSON.stringify(k)).join(", ")}. Answer with the rewritten request only.`,
        text,
      );
      if (out && keeps(out, keep)) {
        stats.accepted++;
        return out;
      }
      if (out) stats.rejected++;
      return text;
    },
    async reply(user, results, facts, fallback) {
      const out = await complete(
        `You are the assistant. The user asked: ${JSON.stringify(user)}. Your tools returned: ${results.join("\n").slice(0, 4000)}. Reply to the user in one or two sentences, stating: ${facts.map((f) => JSON.stringify(f)).join(", ") || "that it is done"}.`,
        user,
      );
      if (out && keeps(out, facts)) {
        stats.accepted++;
        return out;
      }
      if (out) stats.rejected++;
      return fallback;
    },
  };
}
