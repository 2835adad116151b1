#!/usr/bin/env bash
# GPU check: the training loop on a GPU machine that has Python with torch, transformers and peft
# but (as far as we know) no Node.js, no vLLM and no network. It brings what it needs in build/gpu
# (`make gpu-bundle`: a Node.js binary, compressed, and the `prove` command bundled into one file),
# synthesizes a small task set, serves it, and trains small randomly initialised GraniteForCausalLM
# and Qwen3ForCausalLM models (8 layers of 768, built from configs) for 3 GRPO steps with LoRA and
# 2 with full fine-tuning against the live environment service. It prints step time, tokens/s,
# peak GPU memory and the environment's share of step time, and writes them to $OUT/gpu_check.txt.
#
#   make gpu-bundle                  # here: build/gpu (node.xz, js/bin/prove.mjs, proto/), about 28 MB
#   py/gpu_check.sh                  # there (the device tool: carry build/gpu)
#   DEVICE=cpu SHAPE=toy py/gpu_check.sh   # the same script on a CPU, to try it anywhere
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${WORK:-/tmp/prove-gpu-check}
OUT=${OUT:-$WORK/out}
DEVICE=${DEVICE:-cuda}
SHAPE=${SHAPE:-small}
STEPS_LORA=${STEPS_LORA:-3}
STEPS_FULL=${STEPS_FULL:-2}
PY=${PYTHON:-python3}
rm -rf "$WORK" && mkdir -p "$WORK" "$OUT"

# Node.js: $NODE, else the machine's, else the one carried in build/gpu (decompressed with Python's lzma).
NODE=${NODE:-}
if [ -n "$NODE" ]; then :; elif command -v node >/dev/null 2>&1; then NODE=node; else
  "$PY" -c "import lzma, shutil, sys; shutil.copyfileobj(lzma.open('build/gpu/node.xz'), open(sys.argv[1], 'wb'))" "$WORK/node"
  chmod +x "$WORK/node" && NODE="$WORK/node"
fi
if [ -f build/gpu/js/bin/prove.mjs ]; then PROVE=("$NODE" build/gpu/js/bin/prove.mjs); else PROVE=("$NODE" bin/prove.mjs); fi
# The trainer from this checkout (no install needed): the machine's Python and packages.
export PYTHONPATH="$PWD/py${PYTHONPATH:+:$PYTHONPATH}" PYTHON="$PY" PYTHONUNBUFFERED=1 TOKENIZERS_PARALLELISM=false
"$PY" - <<'PY' | tee "$OUT/machine.txt"
import platform, torch, transformers, peft
gpu = torch.cuda.get_device_name(0) if torch.cuda.is_available() else "no GPU"
print(f"python {platform.python_version()}, torch {torch.__version__}, transformers {transformers.__version__}, peft {peft.__version__}; {gpu}")
PY
"$NODE" --version

"${PROVE[@]}" synth --seed 3 --count 48 --out "$WORK/tasks" --quiet \
  --config '{"domains":["budget","video_meeting","team_chat"],"distractor_share":0,"two_domain_share":0}'
common=(--tasks "$WORK/tasks" --device "$DEVICE" --tiny-shape "$SHAPE" --batch-tasks 4 --group-size 8 --max-new-tokens 64 --micro-batch 4 --checkpoint-every 100)
for model in tiny-granite tiny-qwen3; do
  "${PROVE[@]}" train --model "$model" --run-dir "$WORK/$model-lora" --steps "$STEPS_LORA" --lora true "${common[@]}" 2>&1 | tail -n 4
  "${PROVE[@]}" train --model "$model" --run-dir "$WORK/$model-full" --steps "$STEPS_FULL" --lora false "${common[@]}" 2>&1 | tail -n 4
done

"$PY" - "$WORK" <<'PY' | tee "$OUT/gpu_check.txt"
import json, pathlib, sys
work = pathlib.Path(sys.argv[1])
print(f"{'run':<20} {'steps':>5} {'s/step':>7} {'tok/s':>7} {'GPU peak MB':>12} {'env share':>9} {'loss (last)':>12}")
for run in sorted(work.glob("tiny-*")):
    m = [json.loads(l) for l in (run / "metrics.jsonl").read_text().splitlines()]
    later = m[1:] or m  # the first step includes warm-up (kernel compilation, allocator growth)
    mean = lambda k: sum(r[k] for r in later) / len(later)
    print(f"{run.name:<20} {len(m):>5} {mean('step_seconds'):>7.2f} {mean('tokens_per_second'):>7.0f} {max(r.get('gpu_peak_mb', 0) for r in m):>12.0f} {mean('env_share'):>9.1%} {m[-1]['loss']:>12.4g}")
PY
