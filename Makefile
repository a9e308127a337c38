# SwiftTDA: common tasks. `make test` is what CI runs (via .ci/run).
SWIFT ?= swift

.PHONY: build release release-static test long-test bench datasets tutorial clean

build:
	$(SWIFT) build

release:
	$(SWIFT) build -c release

# tda with the Swift runtime and Foundation linked in: 6 MB less resident memory
# in every run (.build-static/release/tda, a file of about 80 MB).
release-static:
	$(SWIFT) build -c release --product tda --static-swift-stdlib --scratch-path .build-static

test:
	$(SWIFT) test

# The slow cases too (larger inputs, more dimensions).
long-test:
	TDA_LONG_TESTS=1 $(SWIFT) test

# Benchmarks against the anchors (needs ../shared/data and the Python anchors).
bench:
	$(SWIFT) run -c release tda-bench rips

clean:
	rm -rf .build
