# PROVE-TS. `make demo` and `make test` install whatever is missing first.
SHELL := /bin/bash
NODE_MODULES := node_modules/.package-lock.json
PROVE := node bin/prove.mjs
RESULTS := .test-results

.PHONY: demo test typecheck servers tour mcp serve bench clean

$(NODE_MODULES): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

demo: $(NODE_MODULES)
	$(PROVE) servers
	$(PROVE) tour

test: $(NODE_MODULES)
	@mkdir -p $(RESULTS) && rm -f $(RESULTS)/*; status=0; \
	npx tsc --noEmit -p . || { echo "typecheck failed"; status=1; }; \
	npx vitest run --reporter=default --reporter=json --outputFile.json=$(RESULTS)/vitest.json || status=1; \
	node scripts/test-summary.mjs $(RESULTS) || status=1; \
	exit $$status

typecheck: $(NODE_MODULES)
	npx tsc --noEmit -p .

servers: $(NODE_MODULES)
	$(PROVE) servers

tour: $(NODE_MODULES)
	$(PROVE) tour

mcp: $(NODE_MODULES)
	$(PROVE) mcp --http

bench: $(NODE_MODULES)
	npm run bench

clean:
	rm -rf node_modules $(RESULTS)

serve: $(NODE_MODULES)
	$(PROVE) serve
