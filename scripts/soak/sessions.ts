/**
 * The soak's session workers: each keeps one session (and the forks it makes) open at a time and
 * drives it with a random sequence of its domain's calls and model outputs (the fuzz arbitraries,
 * with the session's marker among the values), forks, batches, replies, reads and closes. Every
 * answer that reads a session is checked for another session's marker; every session a worker
 * opens it closes before it stops.
 */
import fc from "fast-check";
import { domains } from "../../ts/servers/index.ts";
import { callJson, modelOutput, vocabularyOf, type Vocabulary } from "../../test/fuzz/arbitraries.ts";
import { tallyCall, type SoakClient } from "./client.ts";
import { Lineages } from "./lineage.ts";

/** Seeds the workers use: few, so the server's seed cache settles during the warm-up. */
const SEEDS = ["1", "2", "3"];
/** Stands for the session's current marker in pre-generated inputs. */
const HOLE = "@@soak@@";
const FORMATS = { hermes: "TOOL_CALL_FORMAT_HERMES", openai: "TOOL_CALL_FORMAT_OPENAI", granite: "TOOL_CALL_FORMAT_GRANITE" } as const;

interface Inputs {
  calls: Array<{ name: string; args: string }>;
  outputs: Array<{ text: string; format: string }>;
}

/** Pre-generated inputs per domain (sampling fast-check per call would cost more than the call). */
export class InputBank {
  private readonly bank = new Map<string, Promise<Inputs>>();

  constructor(
    private readonly client: SoakClient,
    private readonly seed: number,
  ) {}

  of(domain: string): Promise<Inputs> {
    let inputs = this.bank.get(domain);
    if (!inputs) this.bank.set(domain, (inputs = this.make(domain)));
    return inputs;
  }

  private async make(name: string): Promise<Inputs> {
    const d = domains.find((x) => x.name === name)!;
    const s = await this.client.call("Environment", "CreateSession", { servers: [name], seed: SEEDS[0] });
    let snapshot: Record<string, Record<string, Record<string, unknown>>> = {};
    if (s.ok) {
      const st = await this.client.call("Environment", "GetState", { session_id: s.res.session_id, include_state: true });
      if (st.ok) snapshot = (JSON.parse(st.res.state_json) as { domains?: typeof snapshot }).domains ?? JSON.parse(st.res.state_json);
      await this.client.call("Environment", "CloseSession", { session_ids: [s.res.session_id] });
    }
    const base = vocabularyOf(d, snapshot);
    // About a third of the values are the session's marker, so that most sessions write some.
    const marks = Array.from({ length: Math.ceil(base.values.length / 4) }, (_, i) => (i % 2 ? HOLE : `note ${HOLE}`));
    const v: Vocabulary = { ...base, values: [...base.values, ...marks] };
    const calls = fc.sample(callJson(v), { numRuns: 300, seed: this.seed }).flatMap((text) => {
      try {
        const c = JSON.parse(text) as { name?: unknown; arguments?: unknown };
        return typeof c.name === "string" ? [{ name: c.name, args: JSON.stringify(c.arguments ?? {}) }] : [];
      } catch {
        return [];
      }
    });
    const outputs = fc.sample(modelOutput(v), { numRuns: 300, seed: this.seed + 1 }).map((o) => ({ text: o.text, format: FORMATS[o.format] }));
    return { calls, outputs };
  }
}

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;

export interface WorkerOptions {
  stop: () => boolean;
  /** Actions per session before it is closed and a new one opened. */
  maxActions: number;
}

/** Counts of open sessions across every worker, for the report's peak. */
export const openNow = { count: 0, peak: 0 };

export async function sessionWorker(w: number, client: SoakClient, bank: InputBank, opts: WorkerOptions): Promise<void> {
  const tally = client.tally;
  const lineages = new Lineages(w);
  const check = (id: string, res: unknown, what: string) => {
    const text = JSON.stringify(res);
    const { markers, foreign, altered } = lineages.read(id, text);
    if (markers) tally.markedReads++;
    if (altered.length) tally.error("soak:marker altered by a tool");
    if (foreign.length) {
      // Where the marker sat, so that a report says which tool's answer carried it.
      const at = text.toLowerCase().indexOf(foreign[0]!);
      tally.crossRead(`${id} read ${foreign.join(", ")} in ${what}: …${text.slice(Math.max(0, at - 160), at + 60)}…`);
    }
  };
  const opened = (n: number) => {
    tally.sessionsOpened += n;
    openNow.count += n;
    openNow.peak = Math.max(openNow.peak, openNow.count);
  };
  while (!opts.stop()) {
    const domain = pick(domains).name;
    const inputs = await bank.of(domain);
    tally.input("session:CreateSession");
    const created = await client.call("Environment", "CreateSession", { servers: [domain], seed: pick(SEEDS) });
    if (!created.ok) continue;
    const root: string = created.res.session_id;
    opened(1);
    lineages.root(root);
    const open = [root];
    const closed: string[] = [];
    const fill = (id: string, text: string) => text.split(HOLE).join(lineages.marker(id));
    const actions = 1 + Math.floor(Math.random() * opts.maxActions);
    for (let i = 0; i < actions && !opts.stop(); i++) {
      const id = pick(open);
      const r = Math.random();
      if (r < 0.35) {
        const c = pick(inputs.calls);
        tally.input("session:CallTool");
        const a = await client.call("Environment", "CallTool", { session_id: id, tool: c.name, arguments_json: fill(id, c.args), turn: i });
        if (a.ok) {
          tallyCall(tally, a.res);
          check(id, a.res, `CallTool ${c.name}`);
        }
      } else if (r < 0.6) {
        const o = pick(inputs.outputs);
        tally.input("session:Step");
        const a = await client.call("Environment", "Step", { session_id: id, assistant_text: fill(id, o.text), format: o.format, turn: i });
        if (a.ok) {
          for (const c of a.res.calls ?? []) tallyCall(tally, c.result);
          for (const _ of a.res.format_errors ?? []) tally.error("step:format_error");
          check(id, a.res, "Step");
        }
      } else if (r < 0.68) {
        // The whole group at once, as a trainer steps it; now and then a session closed earlier among them.
        const targets = [...open, ...(closed.length && Math.random() < 0.3 ? [pick(closed)] : [])];
        const steps = targets.map((s) => {
          const o = pick(inputs.outputs);
          return { session_id: s, assistant_text: fill(s, o.text), format: o.format, turn: i };
        });
        tally.input("session:StepBatch item", steps.length);
        const a = await client.call("Environment", "StepBatch", { steps });
        if (a.ok)
          for (const res of a.res.results ?? []) {
            for (const c of res.calls ?? []) tallyCall(tally, c.result);
            if (res.status?.code) tally.error(`item:${res.outcome}`);
            check(res.session_id, res, "StepBatch");
          }
      } else if (r < 0.74) {
        tally.input("session:RecordReplies");
        const a = await client.call("Environment", "RecordReplies", { replies: [{ session_id: id, turn: i, text: `done: ${lineages.marker(id)}` }] });
        if (a.ok) check(id, a.res, "RecordReplies");
      } else if (r < 0.82) {
        tally.input("session:GetState");
        const a = await client.call("Environment", "GetState", { session_id: id, include_state: Math.random() < 0.5 });
        if (a.ok) check(id, a.res, "GetState");
      } else if (r < 0.88) {
        tally.input("session:GetJournal");
        const a = await client.call("Environment", "GetJournal", { session_id: id });
        if (a.ok) check(id, a.res, "GetJournal");
      } else if (r < 0.96) {
        if (open.length >= 6) continue;
        tally.input("session:ForkSession");
        const a = await client.call("Environment", "ForkSession", { session_id: id, count: 1 + Math.floor(Math.random() * 3) });
        if (a.ok) {
          const kids: string[] = a.res.sessions.map((s: { session_id: string }) => s.session_id);
          opened(kids.length);
          lineages.fork(id, kids);
          open.push(...kids);
        }
      } else {
        // Close one fork early (never the last session), or call one closed before.
        if (open.length > 1) {
          const victim = open.splice(1 + Math.floor(Math.random() * (open.length - 1)), 1)[0]!;
          tally.input("session:CloseSession");
          const a = await client.call("Environment", "CloseSession", { session_ids: [victim] });
          if (a.ok && a.res.closed === 1) openNow.count--;
          lineages.close(victim);
          closed.push(victim);
        } else if (closed.length) {
          tally.input("session:CallTool (closed)");
          await client.call("Environment", "CallTool", { session_id: pick(closed), tool: pick(inputs.calls).name, arguments_json: "{}", turn: i });
        }
      }
    }
    tally.input("session:CloseSession");
    const bye = await client.call("Environment", "CloseSession", { session_ids: open });
    if (bye.ok) openNow.count -= bye.res.closed;
    for (const s of open) lineages.close(s);
  }
}
