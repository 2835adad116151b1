# PROVE-TS. `make demo` and `make test` install whatever is missing first.
SHELL := /bin/bash
NODE_MODULES := node_modules/.package-lock.json
PROVE := node bin/prove.mjs
RESULTS := .test-results
# Python: .venv holds the pinned stack; .venv-compat an older one (protobuf 4) the client must also support.
PYTHON ?= python3
VENV := .venv
VENV_COMPAT := .venv-compat

.PHONY: demo test typecheck servers tour mcp serve synth train trainer-options gpu-bundle gpu-check proto bench clean eval-deps eval-bfcl mutate lint format soak mutate-changed

# make train MODEL=stub|tiny-granite|tiny-qwen3|granite-4.1-8b|…|/path [STEPS=n] [RUN_DIR=dir] [TASKS=dir] [GPUS=n] [SHARDS=n] [FORMAT=hermes|granite] [ARGS="--lr 1e-6 …"]
MODEL ?= stub

$(NODE_MODULES): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

$(VENV)/.installed: py/requirements.txt py/pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install -q --disable-pip-version-check -r py/requirements.txt
	$(VENV)/bin/python -m pip install -q --disable-pip-version-check --no-deps -e py
	@touch $@

$(VENV_COMPAT)/.installed: py/requirements-compat.txt py/pyproject.toml
	$(PYTHON) -m venv $(VENV_COMPAT)
	$(VENV_COMPAT)/bin/python -m pip install -q --disable-pip-version-check -r py/requirements-compat.txt
	$(VENV_COMPAT)/bin/python -m pip install -q --disable-pip-version-check --no-deps -e py
	@touch $@

# BFCL's own package for `prove eval --bench bfcl-multi-turn` (py/requirements-eval.txt says why --no-deps).
$(VENV)/.eval-installed: $(VENV)/.installed py/requirements-eval.txt
	$(VENV)/bin/python -m pip install -q --disable-pip-version-check --no-deps -r py/requirements-eval.txt
	@touch $@

eval-deps: $(VENV)/.eval-installed

# BFCL multi-turn, all four categories (800 entries), with the two reference policies: the harness
# is trustworthy when `oracle` scores near 100% and `none` near 0% (README, docs/evaluation.md).
eval-bfcl: $(NODE_MODULES) $(VENV)/.eval-installed
	rm -rf runs/eval/bfcl-oracle runs/eval/bfcl-none
	PYTHON=$(abspath $(VENV)/bin/python) $(PROVE) eval --bench bfcl-multi-turn --policy oracle --concurrency 200 --out runs/eval/bfcl-oracle
	PYTHON=$(abspath $(VENV)/bin/python) $(PROVE) eval --bench bfcl-multi-turn --policy none --concurrency 200 --out runs/eval/bfcl-none

# The main job on the embedded defaults: the servers, a session tour, a synthesized sample scored by
# its references, then a short GRPO run of the stub policy on CPU against those tasks, with its report.
demo: $(NODE_MODULES) $(VENV)/.installed
	$(PROVE) servers
	$(PROVE) tour
	$(PROVE) synth --seed 7 --count 300 --out runs/demo/tasks
	$(PROVE) score --tasks runs/demo/tasks/tasks.jsonl --trajectories runs/demo/tasks/references.jsonl --preset verified --out runs/demo/scores.jsonl
	rm -rf runs/demo/train
	PYTHON=$(abspath $(VENV)/bin/python) $(PROVE) train --model stub --tasks runs/demo/tasks --run-dir runs/demo/train

train: $(NODE_MODULES) $(VENV)/.installed
	PYTHON=$(abspath $(VENV)/bin/python) $(PROVE) train --model $(MODEL) $(if $(STEPS),--steps $(STEPS)) $(if $(RUN_DIR),--run-dir $(RUN_DIR)) $(if $(TASKS),--tasks $(TASKS)) $(if $(GPUS),--nproc $(GPUS)) $(if $(SHARDS),--shards $(SHARDS)) $(if $(FORMAT),--format $(FORMAT)) $(ARGS)

# One ES module per entry, with the CommonJS globals some bundled packages still use.
ESBUILD_NODE = node_modules/.bin/esbuild --bundle --platform=node --format=esm --target=node20 --log-level=warning \
  --banner:js="import { createRequire as __cr } from 'node:module'; import { fileURLToPath as __fu } from 'node:url'; import { dirname as __dn } from 'node:path'; const require = __cr(import.meta.url); const __filename = __fu(import.meta.url); const __dirname = __dn(__filename);"

# What py/gpu_check.sh needs on a GPU machine without Node.js: this Node binary (xz) and `prove` in one
# file. The bundle sits two folders below build/gpu so that the proto files its code and its gRPC
# packages look up at ../../proto (relative to themselves) are found in build/gpu/proto.
gpu-bundle: $(NODE_MODULES)
	mkdir -p build/gpu/js/bin build/gpu/proto
	[ -f build/gpu/node.xz ] || xz -9 -T0 -c "$$(command -v node)" > build/gpu/node.xz
	$(ESBUILD_NODE) ts/cli/main.ts --outfile=build/gpu/js/bin/prove.mjs
	# Tasks.Synthesize runs synthesis on a worker thread: its entry, bundled, beside prove.mjs.
	$(ESBUILD_NODE) ts/rpc/synth-worker.ts --outfile=build/gpu/js/bin/synth-worker.mjs
	# prove synth runs its chunks on worker threads: their entry too.
	$(ESBUILD_NODE) ts/synth/chunk-worker.ts --outfile=build/gpu/js/bin/chunk-worker.mjs
	cp ts/supervisor/trainer-options.json build/gpu/js/bin/
	cp -r proto/. node_modules/grpc-health-check/proto/. node_modules/@grpc/reflection/build/proto/. build/gpu/proto/
	@du -sh build/gpu

# The GPU check on this machine's CPU (toy models): the same script, to try it before a GPU is lent.
gpu-check: $(NODE_MODULES) $(VENV)/.installed
	DEVICE=cpu SHAPE=toy STEPS_LORA=2 STEPS_FULL=1 PYTHON=$(abspath $(VENV)/bin/python) py/gpu_check.sh

# ts/supervisor/trainer-options.json: the trainer's options as `prove train --help` lists them (a test checks it is current).
trainer-options: $(VENV)/.installed
	$(VENV)/bin/python -c "import json; from prove_trainer.config import describe; print(json.dumps(describe(), indent=2))" > ts/supervisor/trainer-options.json

test: $(NODE_MODULES) $(VENV)/.installed $(VENV)/.eval-installed $(VENV_COMPAT)/.installed
	@mkdir -p $(RESULTS) && rm -f $(RESULTS)/*; status=0; \
	npx tsc --noEmit -p . || { echo "typecheck failed"; status=1; }; \
	$(MAKE) --no-print-directory lint || { echo "lint failed"; status=1; }; \
	npx vitest run --reporter=default --reporter=json --outputFile.json=$(RESULTS)/vitest.json || status=1; \
	$(VENV)/bin/python -m pytest py/tests -q -rs --junitxml=$(RESULTS)/pytest.xml || status=1; \
	$(VENV_COMPAT)/bin/python -m pytest py/tests -q -rs --ignore=py/tests/trainer --ignore=py/tests/eval --junitxml=$(RESULTS)/pytest-compat.xml || status=1; \
	node scripts/test-summary.mjs $(RESULTS) || status=1; \
	exit $$status

# Lint and format: Biome for TypeScript (rules and 160-column format in biome.json), knip for
# unused files and exports, ruff for py/ (py/pyproject.toml). `make format` rewrites in place.
lint: $(NODE_MODULES) $(VENV)/.installed
	npx biome check --reporter=summary .
	npx knip --no-progress
	$(VENV)/bin/ruff check py
	$(VENV)/bin/ruff format --check py

format: $(NODE_MODULES) $(VENV)/.installed
	npx biome check --write .
	$(VENV)/bin/ruff format py

# After editing a .proto: the Python client's descriptor set and the TypeScript types in ts/rpc/generated/ (tests check both are current).
proto: $(NODE_MODULES)
	node --import tsx scripts/write-descriptor.ts
	node --import tsx scripts/gen-rpc-types.ts

typecheck: $(NODE_MODULES)
	npx tsc --noEmit -p .

servers: $(NODE_MODULES)
	$(PROVE) servers

tour: $(NODE_MODULES)
	$(PROVE) tour

mcp: $(NODE_MODULES)
	$(PROVE) mcp --http

synth: $(NODE_MODULES)
	$(PROVE) synth --seed 1 --out runs/tasks

bench: $(NODE_MODULES)
	npm run bench

clean:
	rm -rf node_modules $(RESULTS) $(VENV) $(VENV_COMPAT) .stryker-tmp reports/mutation

# Mutation testing (StrykerJS): `make mutate DOMAIN=banking` (or framework, reward) mutates one target
# under its own tests; plain `make mutate` runs every domain and the reward (hours). Scores: reports/mutation/.
# Runs are incremental against a target's last report; MUTATE_FORCE=1 tests every mutant again.
DOMAINS := $(sort $(filter-out framework,$(notdir $(patsubst %/,%,$(wildcard ts/servers/*/)))))
mutate: $(NODE_MODULES)
	@targets="$(or $(DOMAIN),$(DOMAINS) reward)"; status=0; \
	for t in $$targets; do DOMAIN=$$t npx stryker run $(if $(MUTATE_FORCE),--force) || status=1; done; \
	node scripts/mutation-scores.mjs $$targets; exit $$status

# `make mutate-changed [BASE=main] [MUTATE_MINUTES=30] [MUTATE_MIN=80]` mutates only the targets a change touches
# since its merge base with BASE (a domain's logic or tests, the reward, the framework; seeds have their invariant
# tests), one after another within MUTATE_MINUTES in all; fails when a measured target scores below MUTATE_MIN.
# A target the time budget does not reach is named as not measured. Not part of `make test` (hours for all).
MUTATE_MINUTES ?= 30
MUTATE_MIN ?= 80
mutate-changed: $(NODE_MODULES)
	@base=$$(git merge-base HEAD $(or $(BASE),main)) || exit 1; \
	targets=$$(git diff --name-only $$base -- ts/servers ts/reward test/servers test/reward \
	  | grep -vE '^ts/servers/[a-z_]+/seed(\.ts|/)' \
	  | sed -nE 's#^ts/servers/([a-z_]+)/.*#\1#p; s#^test/servers/([a-z_]+)[.-].*#\1#p; s#^(ts|test)/reward/.*#reward#p' \
	  | sort -u | while read -r t; do [ "$$t" = reward ] || [ -d "ts/servers/$$t" ] && echo "$$t"; done); \
	if [ -z "$$targets" ]; then echo "mutate-changed: no domain, framework or reward change since $$base"; exit 0; fi; \
	echo "mutate-changed: $$(echo $$targets) (within $(MUTATE_MINUTES) min)"; \
	deadline=$$(( $$(date +%s) + 60 * $(MUTATE_MINUTES) )); measured=""; unmeasured=""; \
	for t in $$targets; do left=$$(( deadline - $$(date +%s) )); \
	  if [ $$left -lt 120 ]; then unmeasured="$$unmeasured $$t"; continue; fi; \
	  if DOMAIN=$$t timeout -k 30 $$left node_modules/.bin/stryker run; then measured="$$measured $$t"; else unmeasured="$$unmeasured $$t"; fi; \
	done; status=0; \
	[ -z "$$measured" ] || node scripts/mutation-scores.mjs --min $(MUTATE_MIN) $$measured || status=1; \
	[ -z "$$unmeasured" ] || echo "mutate-changed: not measured within $(MUTATE_MINUTES) min:$$unmeasured"; \
	exit $$status

serve: $(NODE_MODULES)
	$(PROVE) serve

# Soak: a real `prove serve` on loopback under the RPC fuzzer and 1,000 concurrent sessions for
# DURATION seconds (after a warm-up), then a table of inputs, crashes, leaked sessions,
# cross-session reads, memory and errors; exits 1 if any guarantee broke. SESSIONS=n to change the count.
DURATION ?= 60
soak: $(NODE_MODULES)
	node --import tsx scripts/soak/main.ts --duration $(DURATION) $(if $(SESSIONS),--sessions $(SESSIONS))
