/** The live progress line of a training run, from the trainer's step events. */

export type StepEvent = Record<string, unknown> & { step: number; total: number };

const COMPONENTS: ReadonlyArray<[string, string]> = [
  ["r_val", "val"],
  ["r_cov", "cov"],
  ["r_eff", "eff"],
  ["r_name", "name"],
  ["r_arg", "arg"],
  ["r_state", "state"],
  ["r_answer", "ans"],
];

const num = (v: unknown, digits: number): string => (typeof v === "number" && Number.isFinite(v) ? v.toFixed(digits) : "-");

/** One line: step/total, reward mean ± std, each component, tokens/s, the environment's share, time per step, ETA. */
export function progressLine(e: StepEvent, secondsPerStep: number): string {
  const parts = [
    `step ${e.step}/${e.total}`,
    `reward ${num(e.reward_mean, 3)} ±${num(e.reward_std, 2)}`,
    COMPONENTS.filter(([key]) => key in e)
      .map(([key, short]) => `${short} ${num(e[key], 2)}`)
      .join(" "),
    `${num(e.tokens_per_second, 0)} tok/s`,
    `env ${typeof e.env_share === "number" ? Math.round(100 * e.env_share) : "-"}%`,
    `${num(e.step_seconds, 1)} s/step`,
    `ETA ${formatDuration(Math.max(0, e.total - e.step) * secondsPerStep)}`,
  ];
  return parts.filter(Boolean).join(" │ ");
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "-";
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
}

/** Writes the line in place on a terminal; elsewhere (CI logs, pipes) one line per step. */
export class ProgressDisplay {
  private shown = false;
  private readonly started = Date.now();
  private firstStep?: number;

  constructor(private readonly out: NodeJS.WriteStream = process.stderr) {}

  step(e: StepEvent): void {
    this.firstStep ??= e.step - 1;
    const done = e.step - this.firstStep;
    const line = progressLine(e, done > 0 ? (Date.now() - this.started) / 1000 / done : Number.NaN);
    if (this.out.isTTY) {
      this.out.write(`\r\x1b[2K${line.slice(0, (this.out.columns || 200) - 1)}`);
      this.shown = true;
    } else this.out.write(`${line}\n`);
  }

  /** Prints a log line without tearing the live line. */
  log(text: string): void {
    if (this.shown) this.out.write("\r\x1b[2K");
    this.out.write(`${text}\n`);
    this.shown = false;
  }

  end(): void {
    if (this.shown) this.out.write("\n");
    this.shown = false;
  }
}
