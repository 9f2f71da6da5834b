# Tidings: the newcomer's entry points. See README.md.
#   make          build Release into build/ (binary: build/tidings)
#   make run      bootstrap, build, [ingest $(INGEST)], serve on :8080
#   make test     bootstrap, build, run the unit and integration suites
#   make eval     run the evaluation suites against ../shared/data
#   make asan     build and test with AddressSanitizer + UBSan in build-asan/
#   make bench    build the Google Benchmark programs in build/bench/

BUILD      ?= build
DB         ?= sqlite:tidings.db
LISTEN     ?= 127.0.0.1:8080
INGEST     ?=
JOBS       ?= $(shell nproc)
# Warnings are errors in CI (CI=true), plain warnings otherwise.
WERROR     ?= $(if $(CI),ON,OFF)
CMAKE_ARGS ?=

.PHONY: all build bootstrap run test eval asan bench format clean

all: build

bootstrap:
	@scripts/bootstrap

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release \
	  -DTIDINGS_WERROR=$(WERROR) $(CMAKE_ARGS)

build: $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

run: bootstrap build
	$(if $(INGEST),$(BUILD)/tidings --db $(DB) ingest $(INGEST))
	$(BUILD)/tidings --db $(DB) serve --listen $(LISTEN)

test: bootstrap build
	ctest --test-dir $(BUILD) -L 'unit|integration' --output-on-failure -j $(JOBS)

eval: bootstrap build
	ctest --test-dir $(BUILD) -L eval --output-on-failure

asan: bootstrap
	cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DTIDINGS_SANITIZE=ON $(CMAKE_ARGS)
	cmake --build build-asan -j $(JOBS)
	ctest --test-dir build-asan -L 'unit|integration' --output-on-failure -j $(JOBS)

bench: bootstrap
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release \
	  -DTIDINGS_BUILD_BENCHMARKS=ON $(CMAKE_ARGS)
	cmake --build $(BUILD) -j $(JOBS)

format:
	git ls-files '*.cc' '*.h' | xargs clang-format -i

clean:
	rm -rf $(BUILD) build-asan
