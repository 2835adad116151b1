/**
 * The trainer process: spawned with execa, its output streamed (progress events parsed, every line
 * logged), restarted from its last checkpoint after a crash with bounded retries and back-off,
 * and stopped cleanly on request (SIGTERM: it finishes its step and checkpoints; a second request
 * kills it).
 */
import { appendFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { execa, type ResultPromise } from "execa";

export const EVENT_PREFIX = "@prove ";

export interface TrainerEvent {
  event: string;
  [key: string]: unknown;
}

export interface TrainerSpec {
  python: string;
  runDir: string;
  /** Arguments after `-m prove_trainer.train` (without --resume). */
  args: string[];
  /** Secrets and settings for the child's environment (never on its command line). */
  env: Record<string, string>;
  /** Start with --resume (continuing an earlier run). */
  resume: boolean;
  /** Restarts after crashes that made no progress before giving up. */
  maxRestarts: number;
  /** Trainer processes (more than one: launched by torchrun). */
  nproc: number;
  onEvent(e: TrainerEvent): void;
  onLog(line: string): void;
}

export interface TrainerOutcome {
  /** "done", "stopped" (on request), "refused" (a bad configuration: no restart) or "failed" (crashes beyond the bound). */
  status: "done" | "stopped" | "refused" | "failed";
  restarts: number;
  /** Last lines the trainer wrote before it failed (for the error message). */
  tail: string[];
  exitCode?: number;
}

/** Back-off before the n-th restart in a row without progress: 1 s, 2 s, 4 s … at most 30 s. */
const backoff = (n: number) => Math.min(30_000, 1000 * 2 ** (n - 1));

export class TrainerProcess {
  private child?: ResultPromise;
  private stopRequests = 0;

  constructor(private readonly spec: TrainerSpec) {}

  /** Asks the trainer to stop after its current step; asked again, kills it. */
  stop(): void {
    this.stopRequests++;
    if (!this.child) return;
    this.child.kill(this.stopRequests > 1 ? "SIGKILL" : "SIGTERM");
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async run(): Promise<TrainerOutcome> {
    const log = join(this.spec.runDir, "logs", "trainer.log");
    let restarts = 0;
    let failedInARow = 0;
    let resume = this.spec.resume;
    const tail: string[] = [];
    for (;;) {
      let progressed = false;
      // The trainer refuses a configuration with a "refused" event (and exit 2): never retried.
      let refused = false;
      // Several processes: torchrun (as a module of the same Python) starts and watches them.
      const launcher = this.spec.nproc > 1 ? ["-m", "torch.distributed.run", "--standalone", "--nproc-per-node", String(this.spec.nproc)] : [];
      const args = [...launcher, "-m", "prove_trainer.train", ...this.spec.args, ...(resume ? ["--resume"] : [])];
      appendFileSync(log, `\n=== ${new Date().toISOString()} ${this.spec.python} ${args.join(" ")}\n`);
      const child = execa(this.spec.python, args, {
        env: { ...this.spec.env, PYTHONUNBUFFERED: "1" },
        extendEnv: true,
        stdin: "ignore",
        reject: false,
        buffer: false,
        cleanup: true,
      });
      this.child = child;
      if (child.pid) writeFileSync(join(this.spec.runDir, "trainer.pid"), `${child.pid}\n`);
      const consume = (stream: NodeJS.ReadableStream | null, events: boolean) =>
        new Promise<void>((done) => {
          if (!stream) return done();
          const lines = createInterface({ input: stream, crlfDelay: Infinity });
          lines.on("line", (line) => {
            appendFileSync(log, `${line}\n`);
            if (events && line.startsWith(EVENT_PREFIX)) {
              try {
                const e = JSON.parse(line.slice(EVENT_PREFIX.length)) as TrainerEvent;
                if (e.event === "step") progressed = true;
                if (e.event === "refused") refused = true;
                this.spec.onEvent(e);
                return;
              } catch {
                // not an event after all: a log line
              }
            }
            tail.push(line);
            if (tail.length > 20) tail.shift();
            this.spec.onLog(line);
          });
          lines.on("close", () => done());
        });
      const [result] = await Promise.all([child, consume(child.stdout, true), consume(child.stderr, false)]);
      this.child = undefined;
      if (this.stopRequests > 0) return { status: "stopped", restarts, tail, exitCode: result.exitCode ?? undefined };
      if (result.exitCode === 0) return { status: "done", restarts, tail, exitCode: 0 };
      if (refused) return { status: "refused", restarts, tail, exitCode: result.exitCode ?? undefined };
      failedInARow = progressed ? 1 : failedInARow + 1;
      if (failedInARow > this.spec.maxRestarts) return { status: "failed", restarts, tail, exitCode: result.exitCode ?? undefined };
      restarts++;
      const wait = backoff(failedInARow);
      const why = result.signal ? `killed by ${result.signal}` : `exited with code ${result.exitCode}`;
      this.spec.onLog(
        `prove train: the trainer ${why}; restarting from its last checkpoint in ${(wait / 1000).toFixed(1)} s (restart ${restarts}, ${failedInARow} of ${this.spec.maxRestarts} without progress)`,
      );
      appendFileSync(log, `=== trainer ${why}; restart ${restarts}\n`);
      await new Promise((r) => setTimeout(r, wait));
      if (this.stopRequests > 0) return { status: "stopped", restarts, tail };
      resume = true;
    }
  }
}
