#!/usr/bin/env bash
# Builds the widget and serves the demo host product on http://127.0.0.1:8080/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/setup.sh
export PATH="$PWD/node_modules/.bin:$PATH"
exec trunk serve --release "$@"
