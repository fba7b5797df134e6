#!/usr/bin/env bash
# Installs what building and testing errlens needs, when missing: the wasm32
# target, Trunk, wasm-bindgen-cli matching Cargo.lock, Debian's Chromium and
# ChromeDriver, and the Node packages (wasm-opt, Playwright, benchmark peers).
# Idempotent: a second run finds everything and only checks versions.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
need_root() { if [ "$(id -u)" -ne 0 ]; then echo "sudo"; fi; }

if ! cargo clippy --version >/dev/null 2>&1; then
  say "adding clippy"
  rustup component add clippy
fi
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# wasm-bindgen-cli must match the wasm-bindgen the crate pins (Cargo.toml "=x.y.z").
bindgen_version=$(sed -n 's/^wasm-bindgen = "=\(.*\)"/\1/p' Cargo.toml)
if ! wasm-bindgen --version 2>/dev/null | grep -q " ${bindgen_version}$"; then
  say "installing wasm-bindgen-cli ${bindgen_version} (a few minutes)"
  cargo install wasm-bindgen-cli --version "${bindgen_version}"
fi

if ! trunk --version 2>/dev/null | grep -q "0.21.14"; then
  say "installing trunk 0.21.14 (about ten minutes on two cores)"
  cargo install trunk --version 0.21.14 --locked
fi

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  say "installing Debian's chromium and chromium-driver"
  export DEBIAN_FRONTEND=noninteractive
  $(need_root) apt-get update -q
  $(need_root) apt-get install -y -q chromium chromium-driver
fi

if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing Node packages from package-lock.json"
  npm ci --no-audit --no-fund --loglevel=error
fi
say "ready: $(trunk --version), $(wasm-bindgen --version), $(node_modules/.bin/wasm-opt --version), $(/usr/bin/chromium --version 2>/dev/null)"
