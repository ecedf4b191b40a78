#!/usr/bin/env bash
# make integration: build, start the Samba lab, run the integration tests in
# its namespace, tear it down whatever happened. Exits non-zero if the lab
# cannot start: CI fails, it never skips.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d /tmp/dpgre-integration.XXXXXX)
cleanup() { bash testenv/samba-lab.sh down || true; rm -rf "$work"; }
trap cleanup EXIT
# Headless Chromium renders the HTML report; xmllint validates the JUnit XML.
if ! command -v chromium >/dev/null || ! command -v xmllint >/dev/null; then
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq && apt-get install -y -qq chromium libxml2-utils >/dev/null
fi
go build -o "$work/dpgre" ./cmd/dpgre
go test -c -tags integration -o "$work/testenv.test" ./testenv
bash testenv/samba-lab.sh up
set +e
bash testenv/samba-lab.sh exec env DPGRE_BIN="$work/dpgre" bash -c \
	'cd testenv && "$0" -test.count=1 -test.timeout=8m -test.v' "$work/testenv.test" >"$work/test.log" 2>&1
status=$?
set -e
cat "$work/test.log"
passed=$(grep -c '^--- PASS' "$work/test.log" || true)
failed=$(grep -c '^--- FAIL' "$work/test.log" || true)
[ "$passed" -gt 0 ] || { echo "integration: no test ran"; exit 1; }
echo "integration: $passed passed, $failed failed"
exit "$status"
