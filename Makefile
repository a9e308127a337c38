# SwiftTDA: common tasks. `make test` is what CI runs (via .ci/run).
SWIFT ?= swift

.PHONY: deps barcode build release release-static test test-slurm long-test bench datasets tutorial clean fuzz

# The Debian packages the build needs (apt-get, through sudo when not root).
deps:
	@bash scripts/install-deps.sh

# The README's first command: the barcode of a noisy circle.
barcode: deps
	$(SWIFT) run -c release tda barcode Datasets/circle.csv --max-dim 1 --output-format csv

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# tda with the Swift runtime and Foundation linked in: 6 MB less resident memory
# in every run (.build-static/release/tda, a file of about 80 MB).
release-static: deps
	$(SWIFT) build -c release --product tda --static-swift-stdlib --scratch-path .build-static

test: deps
	$(SWIFT) test

# tda batch on a real one-machine Slurm cluster (installs slurm-wlm and munge;
# skips with a message, exit 0, where a cluster cannot run).
test-slurm: deps
	@bash scripts/test-slurm.sh

# The slow cases too (larger inputs, more dimensions).
long-test: deps
	TDA_LONG_TESTS=1 $(SWIFT) test

# Benchmarks against the anchors (needs ../shared/data and the Python anchors).
bench:
	$(SWIFT) run -c release tda-bench rips

# libFuzzer harnesses over every reader and parser, FUZZ_SECONDS each
# (Fuzz/README.md); builds in .build-fuzz.
FUZZ_SECONDS ?= 60
fuzz: deps
	bash Fuzz/run-fuzzers.sh $(FUZZ_SECONDS)

clean:
	rm -rf .build .build-fuzz Fuzz/Generated
