# dpgre — every target works on a fresh machine with only Go.
GO        ?= go
PKGS      := ./...
BIN       := bin
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS   := -s -w -X main.version=$(VERSION)
FUZZTIME  ?= 50000x

.PHONY: all build test demo lint staticcheck cross fuzz-smoke fuzz-long bench bench-ad integration clean

all: lint test build

build:
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN)/dpgre ./cmd/dpgre

## test: unit and in-process server tests, then a short fuzz smoke of every parser
test: lint
	$(GO) test -count=1 $(PKGS)
	$(MAKE) --no-print-directory fuzz-smoke

# The demo finds the field report's GRE failure, so dpgre exits 2 by design.
demo: build
	@$(BIN)/dpgre demo; rc=$$?; if [ $$rc -ne 2 ]; then echo "demo: expected exit 2, got $$rc"; exit 1; fi

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)

# staticcheck is fetched through the Go module proxy when first run.
staticcheck:
	$(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2 $(PKGS)

cross:
	GOOS=linux   GOARCH=amd64 $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN)/dpgre-linux-amd64 ./cmd/dpgre
	GOOS=windows GOARCH=amd64 $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN)/dpgre-windows-amd64.exe ./cmd/dpgre

# Every Fuzz target for FUZZTIME each: an exec count by default, since a
# duration trips Go 1.26's fuzz coordinator race (see scripts/fuzz.sh).
fuzz-smoke:
	@GO=$(GO) bash scripts/fuzz.sh $(FUZZTIME)

## integration: a real Samba AD DC in a network namespace (root; installs samba-ad-dc if missing)
integration:
	bash testenv/integration.sh

## fuzz-long: the documented long run, 10 minutes per target
fuzz-long:
	$(MAKE) --no-print-directory fuzz-smoke FUZZTIME=10m

## bench: Go benchmarks, then omnidb vs awk/wc and DNS vs dig ratios from one run each
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./omni/
	bash scripts/bench-omnidb.sh
	bash scripts/bench-dns.sh

## bench-ad: dag list vs ldapsearch on the Samba lab at 10/100/1000 DAGs (root)
bench-ad:
	bash testenv/bench-ad.sh

clean:
	rm -rf $(BIN)
