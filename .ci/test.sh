#!/usr/bin/env bash
# Runs every test of errlens, installing what is missing first:
#   0. clippy over every target, with the lints of Cargo.toml, warnings denied
#   1. native tests of the core (unit, catalogue, relevance, golden corpus, redaction, secrets corpus, tickets)
#      and the redaction benchmark (fails over budget)
#   2. wasm-bindgen-test in headless Chromium (the Yew components in a real DOM)
#   3. the release build (trunk build --release -> dist/)
#   4. the static help-center export (target/export)
#   5. Playwright end-to-end tests against dist/ embedded in host pages on loopback
#   6. the size report (eager loader and first-open transfer, gzip)
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "setup"
bash .ci/setup.sh
export PATH="$PWD/node_modules/.bin:$PATH"

step "lints (cargo clippy, warnings are errors)"
cargo clippy --profile native --all-targets -- -D warnings 2>&1

step "native tests (cargo test)"
cargo test --profile native --all-targets 2>&1

step "redaction benchmark (1 MB natively, budget 20 ms)"
cargo run --profile native --bin bench-redact 2>&1

step "browser component tests (wasm-bindgen-test, headless Chromium)"
CHROMEDRIVER=/usr/bin/chromedriver \
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
WASM_BINDGEN_TEST_TIMEOUT=120 \
  cargo test --target wasm32-unknown-unknown --test web 2>&1

step "release build (trunk build --release)"
trunk build --release

step "static help-center export"
cargo run --profile native --bin export -- --out target/export --base-url http://127.0.0.1/export/

step "end-to-end tests (Playwright, Debian Chromium)"
node --test --test-concurrency=1 tests/e2e/

step "size report"
node tests/size.mjs

echo
echo "all tests passed in $(( $(date +%s) - started )) s"
