/**
 * What a soak run counts and how it judges itself: a tally the workers fill, the verdict (which
 * of the guarantees failed) and the table `make soak` prints. Pure, so a test can check the
 * guards without running a soak.
 */

/** Server memory as the GC hook reports it, in bytes. */
export interface Memory {
  rss: number;
  heapUsed: number;
  /** V8's heap as committed, and memory outside it (buffers): where RSS that is not live objects sits. */
  heapTotal?: number;
  external?: number;
  /** How late the server's event loop ran since the previous report, in ms (p99 and max). */
  loop?: Delay;
}

/** Event-loop delay, in ms. */
export interface Delay {
  p99: number;
  max: number;
}

export interface SoakReport {
  seconds: number;
  /** The server's memory allocator (bin/allocator.mjs). */
  allocator: string;
  /** Requests sent, by kind (fuzzed RPCs, raw bytes, session calls, model outputs stepped…). */
  inputs: Record<string, number>;
  /** Server process deaths and answers that mean a bug of ours (INTERNAL, UNKNOWN, a tool's internal error). */
  crashes: number;
  crashSamples: string[];
  /** Open sessions after every client closed its own, and before the run. */
  openBefore: number;
  openAfter: number;
  /** Reads in which a session saw a marker another session wrote. */
  crossReads: number;
  crossSamples: string[];
  /** Reads that held at least one marker (so that the cross-read check was not vacuous). */
  markedReads: number;
  /** Server memory when it started, after the warm-up (the baseline), and at the end (after GC and a settle). */
  memory: { start: Memory; baseline: Memory; end: Memory };
  /** Errors by kind: gRPC status names, tool error codes, step format errors. */
  errors: Record<string, number>;
  /** Sessions opened and peak open at once. */
  sessionsOpened: number;
  peakOpen: number;
  /** How late the soak's own event loop ran during the run (a late client reads answers late). */
  clientLoop?: Delay;
}

/** The share the end RSS may exceed the baseline by. */
export const MEMORY_SLACK = 0.1;

export class Tally {
  inputs: Record<string, number> = {};
  errors: Record<string, number> = {};
  crashes = 0;
  crashSamples: string[] = [];
  crossReads = 0;
  crossSamples: string[] = [];
  markedReads = 0;
  sessionsOpened = 0;

  input(kind: string, n = 1): void {
    this.inputs[kind] = (this.inputs[kind] ?? 0) + n;
  }

  error(kind: string): void {
    this.errors[kind] = (this.errors[kind] ?? 0) + 1;
  }

  crash(what: string): void {
    this.crashes++;
    if (this.crashSamples.length < 5) this.crashSamples.push(what.slice(0, 300));
  }

  crossRead(what: string): void {
    this.crossReads++;
    if (this.crossSamples.length < 5) this.crossSamples.push(what.slice(0, 600));
  }
}

/** Which guarantees the run broke; empty when it passed. */
export function verdict(r: SoakReport): string[] {
  const failed: string[] = [];
  if (r.crashes > 0) failed.push(`${r.crashes} crash(es)`);
  if (r.openAfter !== r.openBefore) failed.push(`${r.openAfter - r.openBefore} session(s) leaked`);
  if (r.crossReads > 0) failed.push(`${r.crossReads} cross-session read(s)`);
  if (!(r.memory.end.rss <= r.memory.baseline.rss * (1 + MEMORY_SLACK))) {
    failed.push(`server RSS ${mb(r.memory.end.rss)} is not within ${MEMORY_SLACK * 100}% of its baseline ${mb(r.memory.baseline.rss)}`);
  }
  return failed;
}

const ms = (d: Delay | undefined) => (d ? `${d.p99.toFixed(0)} / ${d.max.toFixed(0)} ms` : "not measured");
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const pct = (now: number, base: number) => `${now >= base ? "+" : ""}${(((now - base) / base) * 100).toFixed(1)}%`;

/** The table `make soak` prints. */
export function formatReport(r: SoakReport): string {
  const total = Object.values(r.inputs).reduce((a, b) => a + b, 0);
  const rows: Array<[string, string]> = [
    ["duration", `${r.seconds.toFixed(0)} s`],
    ["server's memory allocator", r.allocator],
    ["inputs tried", `${total}`],
    ...Object.entries(r.inputs)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => [`  ${k}`, String(v)] as [string, string]),
    ["sessions opened (peak open at once)", `${r.sessionsOpened} (${r.peakOpen})`],
    ["crashes (process died, INTERNAL/UNKNOWN, tool internal error)", String(r.crashes)],
    ["sessions leaked (open after − open before)", `${r.openAfter - r.openBefore} (${r.openAfter} − ${r.openBefore})`],
    ["cross-session reads (reads holding a marker)", `${r.crossReads} (${r.markedReads})`],
    [
      "server RSS at start / baseline after warm-up / end",
      `${mb(r.memory.start.rss)} / ${mb(r.memory.baseline.rss)} / ${mb(r.memory.end.rss)} (${pct(r.memory.end.rss, r.memory.baseline.rss)})`,
    ],
    [
      "server heap used at start / baseline / end",
      `${mb(r.memory.start.heapUsed)} / ${mb(r.memory.baseline.heapUsed)} / ${mb(r.memory.end.heapUsed)} (${pct(r.memory.end.heapUsed, r.memory.baseline.heapUsed)})`,
    ],
    [
      "server heap committed / external at baseline → end",
      `${mb(r.memory.baseline.heapTotal ?? Number.NaN)} / ${mb(r.memory.baseline.external ?? Number.NaN)} → ${mb(r.memory.end.heapTotal ?? Number.NaN)} / ${mb(r.memory.end.external ?? Number.NaN)}`,
    ],
    ["event-loop delay p99 / max during the run: server, soak client", `${ms(r.memory.end.loop)}, ${ms(r.clientLoop)}`],
    ["errors by type/code", Object.keys(r.errors).length ? "" : "none"],
    ...Object.entries(r.errors)
      .sort(([, a], [, b]) => b - a)
      .map(([k, v]) => [`  ${k}`, String(v)] as [string, string]),
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const lines = rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`.trimEnd());
  for (const s of r.crashSamples) lines.push(`crash: ${s}`);
  for (const s of r.crossSamples) lines.push(`cross-read: ${s}`);
  const failed = verdict(r);
  lines.push(
    failed.length ? `FAILED: ${failed.join("; ")}` : "PASSED: 0 crashes, 0 leaked sessions, 0 cross-session reads, memory back within 10% of its baseline",
  );
  return lines.join("\n");
}
