#!/usr/bin/env bash
# omnidb listing speed, all in one run on the same 1M-line listing of 2,000
# distinct objects: the parser alone, the whole `dpgre omnidb scan` (which
# also SHA-256-hashes the input for the report), awk '{print $NF}', and
# wc -l (the I/O floor). Prints wall time, peak RSS and ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/dpgre" ./cmd/dpgre
go build -o "$tmp/parseonly" ./internal/gen/parseonly
go build -o "$tmp/benchcmp" ./internal/gen/benchcmp
go run ./internal/gen/genlisting -lines 1000000 -distinct 2000 > "$tmp/big.txt"
size=$(stat -c %s "$tmp/big.txt")
echo "listing: $(wc -l < "$tmp/big.txt") lines, $((size / 1000000)) MB; best of 5 runs each"
"$tmp/benchcmp" -n 5 -bytes "$size" -- "$tmp/parseonly" "$tmp/big.txt" \
  ::: "$tmp/dpgre" omnidb scan "$tmp/big.txt" --dag customer-dag1.domain.tld --format json \
  ::: sha256sum "$tmp/big.txt" \
  ::: awk '{print $NF}' "$tmp/big.txt" \
  ::: wc -l "$tmp/big.txt"
