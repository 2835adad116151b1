/**
 * `prove export` on a real run folder: a tiny Granite trained one step by `prove train`, its LoRA
 * adapter merged into a Hugging Face checkpoint that loads with AutoModelForCausalLM and gives the
 * same logits as the run's policy (rebuilt by the trainer's code); then evaluated by `prove eval`.
 * Needs the Python stack `make test` installs.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { TaskReport } from "../../ts/eval/report.ts";
import { prove, PYTHON } from "./fixtures.ts";

const ROOT = resolve(import.meta.dirname, "../..");

let dir: string;
let tasks: string;
let run: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "prove-export-"));
  tasks = join(dir, "tasks");
  run = join(dir, "run");
  // Three small domains and no distractors: 2-4K-token prompts keep the tiny model's CPU step short.
  const synth = await prove([
    "synth",
    "--out",
    tasks,
    "--quiet",
    "--seed",
    "12",
    "--count",
    "40",
    "--config",
    JSON.stringify({ domains: ["budget", "video_meeting", "team_chat"], distractor_share: 0, two_domain_share: 0 }),
  ]);
  if (synth.code !== 0) throw new Error(synth.err);
  const trained = await prove(["train", "--model", "tiny-granite", "--steps", "1", "--tasks", tasks, "--run-dir", run]);
  if (trained.code !== 0) throw new Error(trained.err);
}, 300_000);

/** Python run from a file (no code on a command line): compares the export with the run's own policy. */
function python(code: string, ...args: string[]): string {
  const file = join(dir, `check-${Math.random().toString(36).slice(2)}.py`);
  writeFileSync(file, code);
  return execFileSync(PYTHON, [file, ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, HF_HUB_OFFLINE: "1" } });
}

const PERTURB = `
import sys, torch
from safetensors.torch import load_file, save_file
path = sys.argv[1]
weights = load_file(path)
torch.manual_seed(0)
# One GRPO step of a random model often has no reward variance (LoRA B stays 0): give B values, so merging matters.
for name in weights:
    if "lora_B" in name:
        weights[name] = torch.randn_like(weights[name]) * 0.05
save_file(weights, path)
`;

const COMPARE = `
import json, sys, torch
from transformers import AutoModelForCausalLM, AutoTokenizer
from prove_trainer.eval_policies import PolicyOptions, load_trained
from prove_trainer.models import resolve_model
from prove_trainer.policies.hf import build_tiny
run, out = sys.argv[1], sys.argv[2]
policy = load_trained(run, None, PolicyOptions(device="cpu"))
exported = AutoModelForCausalLM.from_pretrained(out).eval()
base = build_tiny(resolve_model("tiny-granite"), len(policy.tokenizer), policy.cfg.seed, policy.tokenizer).eval()
ids = torch.tensor([policy.tokenizer.encode("<|start_of_role|>user<|end_of_role|>Show my budgets.<|end_of_text|>")])
with torch.no_grad():
    lora, merged, plain = policy.model.eval()(input_ids=ids).logits, exported(input_ids=ids).logits, base(input_ids=ids).logits
print(json.dumps({
    "merged_vs_lora": (lora - merged).abs().max().item(),
    "merged_vs_base": (plain - merged).abs().max().item(),
    "lora_keys": [k for k in exported.state_dict() if "lora" in k],
    "architecture": exported.config.architectures,
    "chat_template": "<tool_call>" in (AutoTokenizer.from_pretrained(out).chat_template or ""),
}))
`;

describe("prove export", () => {
  it("merges the LoRA adapter into a checkpoint that loads as a plain model with the run's logits", async () => {
    python(PERTURB, join(run, "checkpoints", "step-000001", "policy", "trained.safetensors"));
    const out = join(dir, "exported");
    const r = await prove(["export", run, "--out", out]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain("LoRA merged");
    const record = JSON.parse(readFileSync(join(out, "prove-export.json"), "utf8"));
    expect(record).toMatchObject({ model: "tiny-granite", step: 1, lora_merged: true, format: "granite", architecture: "GraniteForCausalLM" });
    for (const f of ["config.json", "model.safetensors", "tokenizer.json"]) expect(existsSync(join(out, f)), f).toBe(true);

    const c = JSON.parse(python(COMPARE, run, out).trim().split("\n").pop() as string);
    expect(c.merged_vs_lora).toBeLessThan(1e-4);
    expect(c.merged_vs_base).toBeGreaterThan(1e-3); // the adapter really was merged in
    expect(c.lora_keys).toEqual([]);
    expect(c.architecture).toEqual(["GraniteForCausalLM"]);
    expect(c.chat_template).toBe(true);
  }, 300_000);

  it("the exported folder evaluates with prove eval in the run's format, writing what the run folder's policy writes", async () => {
    const assistant = (folder: string) =>
      readFileSync(join(folder, "trajectories.jsonl"), "utf8")
        .trim()
        .split("\n")
        .map((l) =>
          (JSON.parse(l) as { messages: Array<{ role: string; content: string }> }).messages.filter((m) => m.role === "assistant").map((m) => m.content),
        );
    const runs: Record<string, string> = { exported: join(dir, "exported"), run: run };
    for (const [name, policy] of Object.entries(runs)) {
      const r = await prove([
        "eval",
        "--tasks",
        tasks,
        "--policy",
        policy,
        "--limit",
        "1",
        "--max-new-tokens",
        "8",
        "--seed",
        "3",
        "--out",
        join(dir, `eval-${name}`),
      ]);
      expect(r.code, r.err).toBe(0);
      expect(r.err).toContain("(granite format)");
    }
    const report = JSON.parse(readFileSync(join(dir, "eval-exported", "report.json"), "utf8")) as TaskReport;
    expect(report.overall.tasks + report.excluded.masked + report.excluded.unscorable).toBe(1);
    // The same seed and the same logits (merged or as base + adapter): the same sampled tokens.
    const fromRun = assistant(join(dir, "eval-run"));
    expect(fromRun.flat().length).toBeGreaterThan(0);
    expect(assistant(join(dir, "eval-exported"))).toEqual(fromRun);
  }, 300_000);

  it("refuses what it cannot export, saying why", async () => {
    const missing = await prove(["export", join(dir, "no-run"), "--out", join(dir, "x")]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("neither a run folder of prove train nor one of its checkpoints");
    const full = join(dir, "full");
    mkdirSync(full);
    writeFileSync(join(full, "keep.txt"), "mine");
    const notEmpty = await prove(["export", run, "--out", full]);
    expect(notEmpty.code).toBe(2);
    expect(notEmpty.err).toContain("is not empty");
    expect(readFileSync(join(full, "keep.txt"), "utf8")).toBe("mine");
  }, 120_000);
});
