# PROVE-TS. `make demo` and `make test` install whatever is missing first.
SHELL := /bin/bash
NODE_MODULES := node_modules/.package-lock.json
PROVE := node bin/prove.mjs
RESULTS := .test-results
# Python: .venv holds the pinned stack; .venv-compat an older one (protobuf 4) the client must also support.
PYTHON ?= python3
VENV := .venv
VENV_COMPAT := .venv-compat

.PHONY: demo test typecheck servers tour mcp serve synth proto bench clean mutate

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

# The main job on the embedded defaults: the servers, a session tour, a synthesized sample and its reference scores.
demo: $(NODE_MODULES)
	$(PROVE) servers
	$(PROVE) tour
	$(PROVE) synth --seed 7 --count 300 --out runs/demo
	$(PROVE) score --tasks runs/demo/tasks.jsonl --trajectories runs/demo/references.jsonl --preset verified --out runs/demo/scores.jsonl

test: $(NODE_MODULES) $(VENV)/.installed $(VENV_COMPAT)/.installed
	@mkdir -p $(RESULTS) && rm -f $(RESULTS)/*; status=0; \
	npx tsc --noEmit -p . || { echo "typecheck failed"; status=1; }; \
	npx vitest run --reporter=default --reporter=json --outputFile.json=$(RESULTS)/vitest.json || status=1; \
	$(VENV)/bin/python -m pytest py/tests -q -rs --junitxml=$(RESULTS)/pytest.xml || status=1; \
	$(VENV_COMPAT)/bin/python -m pytest py/tests -q -rs --junitxml=$(RESULTS)/pytest-compat.xml || status=1; \
	node scripts/test-summary.mjs $(RESULTS) || status=1; \
	exit $$status

proto: $(NODE_MODULES)
	node --import tsx scripts/write-descriptor.ts

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
DOMAINS := $(sort $(filter-out framework,$(notdir $(patsubst %/,%,$(wildcard ts/servers/*/)))))
mutate: $(NODE_MODULES)
	@targets="$(or $(DOMAIN),$(DOMAINS) reward)"; status=0; \
	for t in $$targets; do DOMAIN=$$t npx stryker run || status=1; done; \
	node scripts/mutation-scores.mjs $$targets; exit $$status

serve: $(NODE_MODULES)
	$(PROVE) serve
