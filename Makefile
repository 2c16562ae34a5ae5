# Inbox — two commands: `make run` and `make test`. Everything they need is installed here.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run

ADDR ?= 127.0.0.1:8080
DATABASE_URL ?= sqlite://data/inbox.db
TRUNK_VERSION := 0.21.14
CARGO_FUZZ_VERSION := 0.13.2
CARGO_DENY_VERSION := 0.20.2
# The split step's tool (.ci/split.mjs); the runtime side is Leptos' wasm_split_helpers 0.2.
WASM_SPLIT_VERSION := 0.2.4
WASM_BINDGEN_VERSION := $(shell sed -n '/^name = "wasm-bindgen"$$/{n;s/version = "\(.*\)"/\1/p;q}' Cargo.lock)
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
CARGO_BIN := $(HOME)/.cargo/bin
export PATH := $(CURDIR)/node_modules/.bin:$(CARGO_BIN):$(PATH)
export TRUNK_SKIP_VERSION_CHECK := true

STAMPS := .make
SPA_SOURCES := $(shell find src content style public -type f 2>/dev/null) index.html Trunk.toml Cargo.toml Cargo.lock \
	$(shell find crates -type f -not -path '*/target/*' 2>/dev/null)

.PHONY: run test test-tools setup build server-release server-debug e2e wasm-test cargo-test lint deny contract fuzz fuzz-short bench bench-spa bench-server bench-migration screenshots clean

## run: install what is missing, build, seed demo data and serve http://$(ADDR)
run: setup dist/index.html server-release
	@echo "Inbox is running on http://$(ADDR)  (log in with a demo person; Ctrl-C stops it)"
	target/release/inbox-server serve --addr $(ADDR) --database-url $(DATABASE_URL) --static-dir dist --demo --dev-login

## setup: Rust wasm target, trunk, wasm-bindgen-cli, wasm-split-cli, npm packages (each only when missing)
setup: $(STAMPS)/wasm-target $(STAMPS)/trunk-$(TRUNK_VERSION) $(STAMPS)/wasm-bindgen-$(WASM_BINDGEN_VERSION) \
	$(STAMPS)/wasm-split-$(WASM_SPLIT_VERSION) node_modules/.package-lock.json

# Only the tests need cargo-fuzz; `make run` does not wait for it.
test-tools: $(STAMPS)/cargo-fuzz-$(CARGO_FUZZ_VERSION) $(STAMPS)/cargo-deny-$(CARGO_DENY_VERSION)

$(STAMPS)/wasm-target:
	@mkdir -p $(STAMPS)
	rustup target add wasm32-unknown-unknown
	@touch $@

$(STAMPS)/trunk-$(TRUNK_VERSION):
	@mkdir -p $(STAMPS)
	@if trunk --version 2>/dev/null | grep -q ' $(TRUNK_VERSION)$$'; then echo "trunk $(TRUNK_VERSION) present"; \
	else echo "installing trunk $(TRUNK_VERSION) (about 8 minutes on 2 cores)"; cargo install trunk --version $(TRUNK_VERSION) --locked; fi
	@touch $@

# Must equal the wasm-bindgen crate in Cargo.lock; --locked fails for this version (see docs/architecture.md).
$(STAMPS)/wasm-bindgen-$(WASM_BINDGEN_VERSION):
	@mkdir -p $(STAMPS)
	@if wasm-bindgen --version 2>/dev/null | grep -q ' $(WASM_BINDGEN_VERSION)$$'; then echo "wasm-bindgen $(WASM_BINDGEN_VERSION) present"; \
	else cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION); fi
	@touch $@

$(STAMPS)/wasm-split-$(WASM_SPLIT_VERSION):
	@mkdir -p $(STAMPS)
	@if cargo install --list | grep -q '^wasm_split_cli_support v$(WASM_SPLIT_VERSION):'; then echo "wasm-split-cli $(WASM_SPLIT_VERSION) present"; \
	else cargo install wasm_split_cli_support --version $(WASM_SPLIT_VERSION) --features build-binary --locked; fi
	@touch $@

$(STAMPS)/cargo-deny-$(CARGO_DENY_VERSION):
	@mkdir -p $(STAMPS)
	@if cargo deny --version 2>/dev/null | grep -q ' $(CARGO_DENY_VERSION)$$'; then echo "cargo-deny $(CARGO_DENY_VERSION) present"; \
	else cargo install cargo-deny --version $(CARGO_DENY_VERSION) --locked; fi
	@touch $@

$(STAMPS)/cargo-fuzz-$(CARGO_FUZZ_VERSION):
	@mkdir -p $(STAMPS)
	@if cargo fuzz --version 2>/dev/null | grep -q ' $(CARGO_FUZZ_VERSION)$$'; then echo "cargo-fuzz $(CARGO_FUZZ_VERSION) present"; \
	else cargo install cargo-fuzz --version $(CARGO_FUZZ_VERSION) --locked; fi
	@touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

# The style sheets joined in cascade order (they hold no relative URLs), so the page loads one,
# less the design system's components the app does not use (.ci/prune-css.mjs reads src/).
STYLE_PARTS := node_modules/@digdir/designsystemet-css/dist/src/index.css node_modules/@digdir/designsystemet-theme/brand/altinn.css \
	style/app.css
style/bundle.css: node_modules/.package-lock.json style/app.css .ci/prune-css.mjs $(shell find src -type f) index.html
	cat $(STYLE_PARTS) > $@.joined
	node .ci/prune-css.mjs $@.joined > $@
	rm $@.joined

dist/index.html: $(SPA_SOURCES) .ci/precompress.mjs .ci/split.mjs .cargo/config.toml style/bundle.css | setup
	trunk build --release
	node .ci/precompress.mjs dist

server-release:
	cargo build --release -p inbox-server

build: setup dist/index.html server-release

## test: cargo tests (SQLite and PostgreSQL), wasm component tests, end-to-end tests in Chromium
test: setup test-tools dist/index.html $(STAMPS)/chromium
	@$(MAKE) --no-print-directory lint deny cargo-test wasm-test contract fuzz-short e2e

## lint: rustfmt (rustfmt.toml), clippy with warnings as errors for the host and for wasm32, no
## module cycle (.ci/module-cycles.mjs), and the icons as .ci/icons.mjs writes them
lint: $(STAMPS)/wasm-target node_modules/.package-lock.json
	node .ci/icons.mjs --check
	node .ci/module-cycles.mjs src server/src crates/dialogporten/src
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p inbox --target wasm32-unknown-unknown --all-targets --features split -- -D warnings

$(STAMPS)/chromium:
	@mkdir -p $(STAMPS)
	@if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then echo "chromium present"; \
	else $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --fix-broken chromium chromium-driver; fi
	@touch $@

## deny: known advisories (the committed RustSec extract), licences, bans and sources (deny.toml)
deny: test-tools
	.ci/deny.sh

# Every API answer the suites receive is checked against docs/reference/dialogporten-openapi.json;
# the count of checked answers must be above zero (server/tests/common/contract.rs).
cargo-test:
	@rm -f target/tmp/contract-checked.log
	@pg_url=$$(.ci/postgres.sh); \
	psql "$$pg_url" -Atqc "select 'drop database ' || datname || ';' from pg_database where datname like 'inbox_test_%'" | psql "$$pg_url" -q >/dev/null; \
	INBOX_TEST_PG_URL="$$pg_url" cargo test --workspace
	@checked=$$(wc -l < target/tmp/contract-checked.log 2>/dev/null || echo 0); \
	echo "contract: $$checked answers checked against docs/reference/dialogporten-openapi.json ($$(sort -u target/tmp/contract-checked.log | wc -l) operation/status pairs)"; \
	[ "$$checked" -gt 0 ]

# The debug server the suites start, built as `cargo test --workspace` builds it (the same features,
# so not a second build of every dependency beside the tests').
server-debug:
	cargo test --workspace --no-run

contract: server-debug
	.ci/schemathesis.sh

wasm-test:
	CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test web

# Every fuzz target for a bounded time (15 s each) from its committed corpus.
fuzz-short: test-tools
	FUZZ_SECONDS=15 .ci/fuzz.sh

## fuzz: every fuzz target for 5 minutes, keeping new corpus entries in fuzz/corpus
fuzz: test-tools
	FUZZ_SECONDS=$${FUZZ_SECONDS:-300} FUZZ_KEEP=1 .ci/fuzz.sh

e2e: dist/index.html server-debug
	cd end2end && rm -rf test-results && (npx playwright test || true) && node summary.mjs

## screenshots: every main view (login, inbox, selection, filter menu, filters, account menu, dialog, saved searches, profile, menu, about, migration status, service-owner workspace) in light and dark mode, desktop and 320 px, into docs/screenshots/
screenshots: dist/index.html $(STAMPS)/chromium server-debug
	mkdir -p docs/screenshots
	cd end2end && SCREENSHOT_DIR=$(CURDIR)/docs/screenshots npx playwright test tests/screens.spec.ts

## bench: every benchmark (the SPA in Chromium, the server at 1M dialogs, the migration pipeline) -> docs/benchmarks.md,
## and how long each part took (the one-time seeding and source simulation named when this run did them)
bench: server-release dist/index.html
	@mkdir -p $(STAMPS)/bench
	@fresh=$$(find $(STAMPS)/bench -name '*.seeded' -o -name 'sources-*.done' | wc -l); total=0; \
	echo "| part | minutes |" > $(STAMPS)/bench/duration.md; echo "|---|---:|" >> $(STAMPS)/bench/duration.md; \
	for part in bench-spa bench-server bench-migration; do \
	  start=$$(date +%s); $(MAKE) --no-print-directory $$part; took=$$(( $$(date +%s) - start )); total=$$((total + took)); \
	  echo "| \`make $$part\` | $$(awk -v s=$$took 'BEGIN { printf "%.1f", s / 60 }') |" >> $(STAMPS)/bench/duration.md; \
	done; \
	echo "| **\`make bench\`** | **$$(awk -v s=$$total 'BEGIN { printf "%.1f", s / 60 }')** |" >> $(STAMPS)/bench/duration.md; \
	echo >> $(STAMPS)/bench/duration.md; \
	echo "$$(date -u +%Y-%m-%d), $$(nproc) cores; $$([ "$$fresh" = 0 ] && echo 'a first run: both 1M databases seeded and the 1M source items simulated within it' || echo 'seeded databases and simulated sources reused from an earlier run'); the release build and the SPA were built before." >> $(STAMPS)/bench/duration.md
	python3 .ci/splice.py docs/benchmarks.md duration $(STAMPS)/bench/duration.md

## bench-spa: the SPA's first load, memory and interaction timings in Chromium -> docs/benchmarks.md
bench-spa: dist/index.html server-release $(STAMPS)/chromium
	@mkdir -p $(STAMPS)/bench
	cd end2end && BENCH_OUT=$(CURDIR)/$(STAMPS)/bench/spa.md BENCH_MACHINE="$$(nproc) cores, $$(free -g | awk '/Mem:/{print $$2}') GiB, $$(sed -n 's/^model name\t: //p' /proc/cpuinfo | head -1)" \
		INBOX_SERVER_BIN=$(CURDIR)/target/release/inbox-server npx playwright test -c playwright.bench.config.ts
	CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --profile wasm-release --test web_bench -- --nocapture \
		| sed -n 's/^.*BENCHROW //p' >> $(STAMPS)/bench/spa.md
	python3 .ci/splice.py docs/benchmarks.md spa $(STAMPS)/bench/spa.md

## bench-server: search latency and throughput at 1M dialogs, SQLite and PostgreSQL
bench-server: server-release
	cargo build --release -p inbox-server --example bench_search --example soak
	@mkdir -p $(STAMPS)/bench
	.ci/bench-server.sh | tee $(STAMPS)/bench/server.md
	python3 .ci/splice.py docs/benchmarks.md server $(STAMPS)/bench/server.md

## bench-migration: a historical migration of 1M simulated Altinn 2/3 items, both backends
bench-migration: server-release
	@mkdir -p $(STAMPS)/bench
	SUDO=$(SUDO) .ci/bench-migration.sh | tee $(STAMPS)/bench/migration.md
	python3 .ci/splice.py docs/benchmarks.md migration $(STAMPS)/bench/migration.md

clean:
	rm -rf dist target/wasm32-unknown-unknown end2end/test-results $(STAMPS)
