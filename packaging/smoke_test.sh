#!/usr/bin/env bash
# Starts the built bundle offscreen with --smoke-test in a fresh temporary folder: it
# creates and unlocks a synthetic profile, builds the main window, and must print
# "smoke test ok" and exit 0. Usage: packaging/smoke_test.sh [BUNDLE_DIR] (default dist/outreach)
set -euo pipefail
bundle=${1:-dist/outreach}
exe="$bundle/outreach"
[ -x "$exe" ] || { echo "smoke_test: no bundle at $exe (run make package)" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/outreach-smoke.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# A clean environment: no data folder or passphrase from the caller, a private HOME, offscreen Qt.
log="$tmp/output.log"
set +e
env -i PATH=/usr/bin:/bin HOME="$tmp/home" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
    timeout 180 "$exe" --smoke-test "$tmp/profiles" >"$log" 2>&1
code=$?
set -e
cat "$log"
if [ "$code" -ne 0 ] || ! grep -qx "smoke test ok" "$log"; then
  echo "smoke_test: the bundle failed its smoke test (exit $code)" >&2
  exit 1
fi
echo "smoke_test: $(du -sh "$bundle" | cut -f1) bundle at $bundle passed"
