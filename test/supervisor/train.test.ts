/**
 * `prove train` end to end on CPU: the supervisor serves the environments, spawns the Python
 * trainer (the project's .venv, or $PYTHON), and the stub and tiny models train through the real
 * rollout, reward and loss. These tests need the Python stack `make test` installs.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { TRAINER_OPTIONS } from "../../ts/supervisor/options.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const PYTHON = process.env.PYTHON ?? join(ROOT, ".venv/bin/python");
/** Fields that measure the machine (time, memory), not the run: they differ between identical runs. */
const TIMING = new Set([
  "step_seconds",
  "env_seconds",
  "generation_seconds",
  "train_seconds",
  "env_share",
  "tokens_per_second",
  "time",
  "peak_rss_mb",
  "gpu_peak_mb",
]);

type Metrics = Array<Record<string, unknown> & { step: number; reward_mean: number }>;

let dir: string;
let tasks: string;
/** Tasks of three small domains, no distractors: prompts of 2-4K tokens, so the tiny models' CPU steps stay short. */
let smallTasks: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "prove-train-"));
  tasks = join(dir, "tasks");
  smallTasks = join(dir, "small-tasks");
  const synth = (out: string, ...more: string[]) =>
    execFileSync("node", [join(ROOT, "bin/prove.mjs"), "synth", "--out", out, "--quiet", ...more], { cwd: ROOT, stdio: "pipe" });
  synth(tasks, "--seed", "11", "--count", "240");
  synth(
    smallTasks,
    "--seed",
    "12",
    "--count",
    "40",
    "--config",
    JSON.stringify({ domains: ["budget", "video_meeting", "team_chat"], distractor_share: 0, two_domain_share: 0 }),
  );
}, 120_000);

function prove(args: string[], env: Record<string, string> = {}): ChildProcess & { done: Promise<{ code: number | null; stderr: string }> } {
  const child = spawn("node", [join(ROOT, "bin/prove.mjs"), ...args], {
    cwd: ROOT,
    env: { ...process.env, PYTHON, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  child.stdout.on("data", (d) => (stderr += d));
  const done = new Promise<{ code: number | null; stderr: string }>((ok) => child.on("close", (code) => ok({ code, stderr })));
  return Object.assign(child, { done });
}

const metricsOf = (run: string): Metrics =>
  existsSync(join(run, "metrics.jsonl"))
    ? readFileSync(join(run, "metrics.jsonl"), "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l))
    : [];
const withoutTiming = (m: Metrics) => m.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !TIMING.has(k))));

async function waitFor(check: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 200));
  }
}

const SMALL = ["--model", "stub", "--batch-tasks", "2", "--group-size", "4", "--checkpoint-every", "2", "--seed", "5"];

describe("prove train", () => {
  it("--help lists every supervisor and training option", async () => {
    const { code, stderr } = await prove(["train", "--help"]).done;
    expect(code).toBe(0);
    for (const o of TRAINER_OPTIONS) expect(stderr).toContain(`--${o.name.replace(/_/g, "-")}`);
    for (const o of ["--run-dir", "--tasks", "--task-count", "--resume", "--python", "--max-restarts"]) expect(stderr).toContain(o);
  });

  it("refuses an unknown option, a missing Python, a Python without torch, a stub over several processes and missing weights, naming the fix, never retrying", async () => {
    const unknown = await prove(["train", "--group-sise", "4"]).done;
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain("unknown option --group-sise");

    const missing = await prove(["train", "--model", "stub", "--tasks", tasks, "--run-dir", join(dir, "nopython")], { PYTHON: join(dir, "no-such-python") })
      .done;
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/no Python at .*no-such-python.*make train/s);

    // A Python that finds the trainer's code but no installed packages (-S: no site-packages).
    const bare = join(dir, "bare-python");
    writeFileSync(bare, `#!/bin/sh\nPYTHONPATH=${join(ROOT, "py")} exec python3 -S "$@"\n`);
    chmodSync(bare, 0o755);
    const noTorch = await prove(["train", "--model", "stub", "--tasks", tasks, "--run-dir", join(dir, "notorch")], { PYTHON: bare }).done;
    expect(noTorch.code).not.toBe(0);
    expect(noTorch.stderr).toMatch(/cannot import .*No module named 'torch'.*pip install -r py\/requirements.txt/s);
    expect(existsSync(join(dir, "notorch", "config.json"))).toBe(false);

    // Configurations the trainer refuses are reported once, never restarted.
    const stubTwice = await prove(["train", "--model", "stub", "--nproc", "2", "--tasks", smallTasks, "--run-dir", join(dir, "stub-nproc")]).done;
    expect(stubTwice.code).toBe(1);
    expect(stubTwice.stderr).toContain("the stub policy trains in one process");
    expect(stubTwice.stderr).not.toContain("restarting");
    const noWeights = await prove(["train", "--model", "granite-4.1-8b", "--steps", "1", "--tasks", smallTasks, "--run-dir", join(dir, "no-weights")]).done;
    expect(noWeights.code).toBe(1);
    expect(noWeights.stderr).toMatch(/weights of 'ibm-granite\/granite-4.1-8b' are not on this machine.*hf download ibm-granite\/granite-4.1-8b/s);
    expect(noWeights.stderr).not.toContain("restarting");
  }, 300_000);

  it("the stub policy learns: its last quarter of steps scores clearly above its first", async () => {
    const run = join(dir, "stub");
    const { code, stderr } = await prove(["train", "--model", "stub", "--steps", "40", "--tasks", tasks, "--run-dir", run]).done;
    expect(code, stderr).toBe(0);
    const m = metricsOf(run);
    expect(m.map((r) => r.step)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    const q = m.length / 4;
    const first = m.slice(0, q).map((r) => r.reward_mean);
    const last = m.slice(-q).map((r) => r.reward_mean);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const variance = (xs: number[]) => xs.reduce((a, b) => a + (b - mean(xs)) ** 2, 0) / (xs.length - 1);
    // "Clearly above": by more than two standard errors of the difference of the two quarters'
    // means (about 95% one-sided), so step-to-step noise (other tasks each step) cannot pass for
    // learning, and by more than 0.15 reward (3% of the verified preset's range up to 5.0).
    const gain = mean(last) - mean(first);
    const standardError = Math.sqrt(variance(first) / q + variance(last) / q);
    expect(gain, `first quarter ${mean(first).toFixed(3)}, last ${mean(last).toFixed(3)}`).toBeGreaterThan(0.15);
    expect(gain).toBeGreaterThan(2 * standardError);
    for (const key of [
      "r_val",
      "r_cov",
      "r_eff",
      "r_name",
      "r_arg",
      "r_state",
      "r_answer",
      "loss",
      "kl",
      "clip_fraction",
      "tokens_generated",
      "truncations",
      "outcomes",
      "step_seconds",
      "env_seconds",
    ]) {
      expect(m[0], key).toHaveProperty(key);
    }
    expect(readFileSync(join(run, "checkpoints", "latest"), "utf8").trim()).toBe("step-000040");
    expect(readFileSync(join(run, "report.png")).subarray(1, 4).toString()).toBe("PNG");
    expect(readFileSync(join(run, "report.html"), "utf8")).toContain("data:image/png;base64,");
    expect(stderr).toMatch(/report .*report\.html/);
  }, 600_000);

  for (const model of ["tiny-granite", "tiny-qwen3"]) {
    it(`${model} trains two steps through the Hugging Face path with LoRA, with finite losses`, async () => {
      const run = join(dir, model);
      const { code, stderr } = await prove(["train", "--model", model, "--steps", "2", "--tasks", smallTasks, "--run-dir", run]).done;
      expect(code, stderr).toBe(0);
      const m = metricsOf(run);
      expect(m.map((r) => r.step)).toEqual([1, 2]);
      for (const r of m) for (const key of ["loss", "kl", "pg_loss"]) expect(Number.isFinite(r[key] as number), `${key} ${r[key]}`).toBe(true);
      expect(m.reduce((n, r) => n + (r.tokens_generated as number), 0)).toBeGreaterThan(0);
      expect(JSON.parse(readFileSync(join(run, "config.json"), "utf8"))).toMatchObject({ model, lora: true });
      expect(existsSync(join(run, "checkpoints", "step-000002", "policy", "adapter_config.json"))).toBe(true);
      expect(existsSync(join(run, "tokenizer", "tokenizer.json"))).toBe(true);
    }, 600_000);
  }

  it("two trainer processes (torchrun, gloo on a CPU) play the same rollouts as one", async () => {
    const run = join(dir, "tiny-granite-2proc");
    const { code, stderr } = await prove(["train", "--model", "tiny-granite", "--steps", "2", "--nproc", "2", "--tasks", smallTasks, "--run-dir", run]).done;
    expect(code, stderr).toBe(0);
    const two = metricsOf(run);
    const one = metricsOf(join(dir, "tiny-granite"));
    // Sampling is seeded per task and round, so how tasks are spread over processes changes nothing.
    for (const key of ["reward_mean", "tokens_generated", "trajectories", "truncations"])
      expect(
        two.map((r) => r[key]),
        key,
      ).toEqual(one.map((r) => r[key]));
    for (const r of two) expect(Number.isFinite(r.loss as number)).toBe(true);
    expect(JSON.parse(readFileSync(join(run, "checkpoints", "step-000002", "state.json"), "utf8")).processes).toBe(2);
  }, 600_000);

  it("--dry-run prints each registry model's paper values and a placement plan without loading weights", async () => {
    const paper: Record<string, [number, string]> = {
      "granite-4.1-8b": [3e-7, "granite"],
      "qwen3-4b": [1e-6, "hermes"],
      "qwen3-8b": [5e-8, "hermes"],
      "qwen2.5-7b": [3e-7, "hermes"],
    };
    for (const [model, [lr, format]] of Object.entries(paper)) {
      const { code, stderr } = await prove(["train", "--model", model, "--dry-run"]).done;
      expect(code, stderr).toBe(0);
      const { config, plan } = JSON.parse(stderr.slice(stderr.indexOf("{")));
      expect(config).toMatchObject({
        model,
        lr,
        format,
        batch_tasks: 16,
        group_size: 16,
        steps: 350,
        kl_beta: 0.01,
        max_user_turns: 5,
        max_assistant_turns: 10,
        lora: true,
        gradient_checkpointing: true,
      });
      expect(plan.placement).toMatch(/^LoRA on one (GPU|CPU)$/);
      expect(plan.memory_gib_per_gpu.total).toBeGreaterThan(10);
    }
    const sharded = await prove(["train", "--model", "qwen3-8b", "--dry-run", "--nproc", "4", "--lora", "false"]).done;
    const { plan } = JSON.parse(sharded.stderr.slice(sharded.stderr.indexOf("{")));
    expect(plan.placement).toMatch(/^full fine-tuning across 4 .* processes, FSDP2-sharded/);
    expect(plan.memory_gib_per_gpu["weights + grads + AdamW (fp32, sharded)"]).toBeCloseTo((16 * 8.2e9) / 4 / 2 ** 30, 1);
  }, 120_000);

  it("restarts a killed trainer from its last checkpoint: every step once, as if never killed", async () => {
    const run = join(dir, "killed");
    const child = prove(["train", ...SMALL, "--steps", "7", "--tasks", tasks, "--run-dir", run, "--max-restarts", "2"]);
    await waitFor(() => metricsOf(run).length >= 3, 240_000);
    const pid = Number(readFileSync(join(run, "trainer.pid"), "utf8"));
    process.kill(pid, "SIGKILL");
    const { code, stderr } = await child.done;
    expect(code, stderr).toBe(0);
    expect(stderr).toMatch(/killed by SIGKILL; restarting from its last checkpoint/);
    expect(stderr).toMatch(/resumed from its checkpoint/);
    const killed = metricsOf(run);
    expect(killed.map((r) => r.step)).toEqual([1, 2, 3, 4, 5, 6, 7]);

    const clean = join(dir, "unkilled");
    expect((await prove(["train", ...SMALL, "--steps", "7", "--tasks", tasks, "--run-dir", clean]).done).code).toBe(0);
    expect(withoutTiming(killed)).toEqual(withoutTiming(metricsOf(clean)));
  }, 600_000);

  it("--shards 2 serves the environments from two processes and plays the same rollouts as one", async () => {
    const sharded = join(dir, "sharded");
    const two = await prove(["train", ...SMALL, "--steps", "3", "--shards", "2", "--tasks", tasks, "--run-dir", sharded]).done;
    expect(two.code, two.stderr).toBe(0);
    expect(two.stderr).toMatch(/environments on 127\.0\.0\.1:\d+,127\.0\.0\.1:\d+ \(2 shards\)/);
    const single = join(dir, "unsharded");
    expect((await prove(["train", ...SMALL, "--steps", "3", "--tasks", tasks, "--run-dir", single]).done).code).toBe(0);
    expect(metricsOf(sharded).map((r) => r.step)).toEqual([1, 2, 3]);
    expect(withoutTiming(metricsOf(sharded))).toEqual(withoutTiming(metricsOf(single)));
  }, 300_000);

  it("Ctrl-C stops the trainer after its step with a checkpoint; --resume finishes the run", async () => {
    const run = join(dir, "interrupted");
    const child = prove(["train", ...SMALL, "--steps", "30", "--tasks", tasks, "--run-dir", run]);
    await waitFor(() => metricsOf(run).length >= 2, 240_000);
    const trainerPid = Number(readFileSync(join(run, "trainer.pid"), "utf8"));
    child.kill("SIGINT");
    const { code, stderr } = await child.done;
    expect(code, stderr).toBe(130);
    expect(stderr).toContain("asking the trainer to finish its step and checkpoint");
    expect(() => process.kill(trainerPid, 0)).toThrow();
    const stopped = metricsOf(run);
    expect(stopped.length).toBeLessThan(30);
    expect(readFileSync(join(run, "checkpoints", "latest"), "utf8").trim()).toBe(`step-${String(stopped.length).padStart(6, "0")}`);

    const resumed = await prove(["train", "--resume", run, "--steps", String(stopped.length + 2)]).done;
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(metricsOf(run).map((r) => r.step)).toEqual(Array.from({ length: stopped.length + 2 }, (_, i) => i + 1));
    const again = await prove(["train", "--model", "stub", "--tasks", tasks, "--run-dir", run]).done;
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain("already holds a run");
  }, 600_000);
});
