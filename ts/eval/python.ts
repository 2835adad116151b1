/**
 * A Python module of the trainer run as a child process (the evaluation, BFCL, export): its
 * progress events (`@prove {json}` lines, as the trainer prints them) parsed, every line logged,
 * stopped with the parent. The trainer's own supervisor adds restarts; an evaluation is rerun.
 */
import { appendFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { createInterface } from "node:readline";
import { execa } from "execa";
import { EVENT_PREFIX, type TrainerEvent } from "../supervisor/trainer.ts";

export interface PythonRun {
  python: string;
  module: string;
  args: string[];
  /** Secrets and settings for the child's environment (never on its command line). */
  env?: Record<string, string>;
  log: string;
  onEvent?(e: TrainerEvent): void;
  onLine?(line: string): void;
}

export interface PythonOutcome {
  exitCode: number;
  /** The last lines it wrote (for an error message). */
  tail: string[];
}

export async function runPython(run: PythonRun): Promise<PythonOutcome> {
  mkdirSync(dirname(run.log), { recursive: true });
  appendFileSync(run.log, `\n=== ${new Date().toISOString()} ${run.python} -m ${run.module} ${run.args.join(" ")}\n`);
  const child = execa(run.python, ["-m", run.module, ...run.args], {
    env: { ...run.env, PYTHONUNBUFFERED: "1" },
    extendEnv: true,
    stdin: "ignore",
    reject: false,
    buffer: false,
    cleanup: true,
  });
  const stop = () => child.kill("SIGTERM");
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  const tail: string[] = [];
  const consume = (stream: NodeJS.ReadableStream | null, events: boolean) =>
    new Promise<void>((done) => {
      if (!stream) return done();
      const lines = createInterface({ input: stream, crlfDelay: Infinity });
      lines.on("line", (line) => {
        appendFileSync(run.log, `${line}\n`);
        if (events && line.startsWith(EVENT_PREFIX)) {
          try {
            run.onEvent?.(JSON.parse(line.slice(EVENT_PREFIX.length)) as TrainerEvent);
            return;
          } catch {
            // not an event after all: a log line
          }
        }
        tail.push(line);
        if (tail.length > 20) tail.shift();
        run.onLine?.(line);
      });
      lines.on("close", () => done());
    });
  try {
    const [result] = await Promise.all([child, consume(child.stdout, true), consume(child.stderr, false)]);
    return { exitCode: result.exitCode ?? 1, tail };
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
  }
}

/** A progress bar on a terminal (redrawn in place), one line per tenth elsewhere. */
export class ProgressBar {
  private shown = -1;
  private readonly started = Date.now();

  constructor(
    private readonly label: string,
    private readonly out: NodeJS.WriteStream = process.stderr,
  ) {}

  update(done: number, total: number): void {
    const pct = total ? Math.floor((100 * done) / total) : 0;
    const elapsed = (Date.now() - this.started) / 1000;
    const eta = done ? ((total - done) * elapsed) / done : Number.NaN;
    const line = `${this.label} [${"#".repeat(Math.floor(pct / 4)).padEnd(25, ".")}] ${String(pct).padStart(3)}% ${done}/${total}${Number.isFinite(eta) ? ` ETA ${Math.round(eta)} s` : ""}`;
    if (this.out.isTTY) this.out.write(`\r\x1b[2K${line}`);
    else if (pct >= this.shown + 10 || done === total) {
      this.shown = pct;
      this.out.write(`${line}\n`);
    }
  }

  end(): void {
    if (this.out.isTTY) this.out.write("\n");
  }
}
