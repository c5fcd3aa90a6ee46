#!/usr/bin/env bash
# Optional check, not run by CI: ConfigCat's Node.js SDK reads the quickstart's flags from `flagsync emulator`.
# Needs node and npm (it installs configcat-node into a temporary directory). Run from the repository root:
#   bash examples/local-development/check.sh
set -euo pipefail
root=$(pwd)
work=$(mktemp -d)
trap 'kill "$emu" 2>/dev/null || true; rm -rf "$work"' EXIT
go build -o "$work/flagsync" ./cmd/flagsync
(cd "$work" && npm install --silent --no-audit --no-fund configcat-node@11 >/dev/null)
cp "$root/examples/local-development/app.mjs" "$work/"
"$work/flagsync" emulator --addr 127.0.0.1:0 --apply examples/quickstart >"$work/out" 2>&1 &
emu=$!
for _ in $(seq 100); do grep -q "SDK KEY" "$work/out" && break; sleep 0.1; done
base=$(sed -n 's/.*base URL \(http[^,]*\),.*/\1/p' "$work/out")
key=$(awk '$1 == "Webshop" && $2 == "Main" && $3 == "Production" {print $4}' "$work/out")
got=$(cd "$work" && FLAGSYNC_BASE_URL="$base" FLAGSYNC_SDK_KEY="$key" node app.mjs ann@acme.com)
want=$'maintenanceMode=false\nnewCheckout=true\nsupportEmail=support@acme.com'
if [ "$got" != "$want" ]; then
  printf 'configcat-node got:\n%s\nwant:\n%s\n' "$got" "$want" >&2
  exit 1
fi
echo "configcat-node read the quickstart from the emulator: 1 passed, 0 failed"
