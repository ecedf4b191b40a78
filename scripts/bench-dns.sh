#!/usr/bin/env bash
# DNS verification speed: 1,000 DAGs × 3 in-process authoritative servers,
# dpgre versus sequential dig on the same questions, in one run.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v dig >/dev/null || { echo "bench-dns: needs dig (apt-get install dnsutils)"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/dpgre" ./cmd/dpgre
go run ./internal/gen/dnsbench -dpgre "$tmp/dpgre" -dags "${DAGS:-1000}"
