# Two commands for a fresh machine: `make run` and `make test`. Everything else is set up on demand.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Debian packages the tests drive: a virtual screen and input injection (window tests), systemd and
# util-linux's unshare/nsenter (the supervisor test runs the real systemd in namespaces), CUPS and the
# cups-pdf virtual printer (the printing test), Chromium (the published web pages, tests/test_publish.py);
# the rest is from PyPI.
SYSTEM_PACKAGES := xvfb xauth xdotool libgl1 libegl1 libgl1-mesa-dri systemd util-linux cups printer-driver-cups-pdf \
	chromium

.PHONY: run test bench bench-scaling soak setup system-deps clean-cache khronos-validator web-tools xr-runtime

$(STAMP): setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,vr]'
	touch $(STAMP)

setup: $(STAMP)

# Installs the Debian packages when they are missing and we may (root with apt); otherwise names them.
system-deps:
	@if ! dpkg -s $(SYSTEM_PACKAGES) >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "installing $(SYSTEM_PACKAGES)"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES) >/dev/null; \
		else \
			echo "note: install $(SYSTEM_PACKAGES) (Debian/Ubuntu) to run the window, supervisor and printing tests; they are skipped without them"; \
		fi; \
	fi

# With a display: the touch kiosk in a window (kiosk.yaml: start screen, attract loop, idle reset;
# close the window, or hold the top left corner and type the PIN, to leave). Without: render every scene's viewpoints to
# out/, then run the default tour headless with its frames, an animated preview and the visit's
# souvenir postcard.
DEFAULT_SCENE := gulangyu
DEFAULT_TOUR := gulangyu-highlights
run: $(STAMP)
	@if [ -n "$$DISPLAY" ]; then \
		$(PY) run_tour.py kiosk --windowed; \
	else \
		echo "no display: rendering every scene's viewpoints and the $(DEFAULT_TOUR) tour offscreen into out/"; \
		$(PY) run_tour.py showcase --out out && \
		$(PY) run_tour.py play $(DEFAULT_SCENE) --tour $(DEFAULT_TOUR) --headless --log out/tour.jsonl \
			--frames out/tour-frames --preview out/tour-preview.webp --size 960x540 --souvenir out/souvenir && \
		echo "viewpoints: out/*.png (events: out/*-event-*.png); tour: out/tour.jsonl, out/tour-frames/, preview out/tour-preview.webp;" \
			"souvenir: out/souvenir/postcard.png (check it: $(PY) run_tour.py souvenir verify out/souvenir/postcard.png)"; \
	fi

# The Khronos glTF Validator (Node, from npm) for the test that cross-checks our model checks
# against it; the engine never needs it. Without npm (or the registry) that test is skipped.
KHRONOS := tools/khronos_validator
$(KHRONOS)/node_modules/.installed: $(KHRONOS)/package.json
	@if command -v npm >/dev/null; then \
		(cd $(KHRONOS) && npm install --no-audit --no-fund --silent >/dev/null 2>&1 && touch node_modules/.installed) \
			|| echo "note: npm install in $(KHRONOS) failed; the Khronos cross-check test will be skipped"; \
	else echo "note: no npm; the Khronos cross-check test will be skipped"; fi

khronos-validator: $(KHRONOS)/node_modules/.installed

# What `run_tour.py publish` runs (Node, from npm, pinned in tools/web): three.js and esbuild build the
# site's viewer.js, glTF Transform compresses its scene.glb. Without npm, publish exits 3 naming this
# target and the publish tests are skipped.
WEB_TOOLS := tools/web
$(WEB_TOOLS)/node_modules/.installed: $(WEB_TOOLS)/package.json $(WEB_TOOLS)/package-lock.json
	@if command -v npm >/dev/null; then \
		(cd $(WEB_TOOLS) && npm ci --no-audit --no-fund --silent >/dev/null 2>&1 && touch node_modules/.installed) \
			|| echo "note: npm ci in $(WEB_TOOLS) failed; publish and its tests will be unavailable"; \
	else echo "note: no npm; publish and its tests will be unavailable"; fi

web-tools: $(WEB_TOOLS)/node_modules/.installed

# A real OpenXR runtime for the VR tests: Monado (null compositor, simulated HMD) built from the
# source in ../shared/xr once into a cache outside the repo and outside `make clean-cache`'s reach.
# The tests find it at $(XR_PREFIX)/share/openxr/1/openxr_monado.json (tests/xr_runtime.py).
# Without the source or the Debian packages (and no root to install them) it names what is missing
# and the VR tests skip (they fail instead where CI is set). Measured on a clean cache with 2 cores:
# 80 s, once (13 s of Debian packages, 67 s building and installing Monado).
XR_MONADO := monado-598080453
XR_SHARED ?= ../shared/xr
XR_PREFIX = $${LUDAO_DATA:-$$HOME/.local/share/ludao}/xr/$(XR_MONADO)
XR_PACKAGES := build-essential cmake ninja-build pkg-config python3 libvulkan-dev glslang-tools \
	mesa-vulkan-drivers libeigen3-dev libx11-dev libxxf86vm-dev libxrandr-dev libxcb-randr0-dev \
	libx11-xcb-dev libgl-dev libegl-dev libgles-dev libglx-dev libbsd-dev libcjson-dev libudev-dev xvfb xauth
xr-runtime:
	@prefix="$(XR_PREFIX)"; \
	if [ -f "$$prefix/.built" ]; then exit 0; fi; \
	if [ ! -f "$(XR_SHARED)/$(XR_MONADO).tar.xz" ] || [ ! -f "$(XR_SHARED)/build-monado.sh" ]; then \
		echo "note: no $(XR_SHARED)/$(XR_MONADO).tar.xz; the VR tests will be skipped"; exit 0; fi; \
	if ! dpkg -s $(XR_PACKAGES) >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "installing the packages to build the OpenXR runtime (Monado)"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
				$(XR_PACKAGES) >/dev/null || exit 1; \
		else \
			echo "note: install $(XR_PACKAGES) (Debian/Ubuntu) and run make xr-runtime for the VR tests; they are skipped without it"; \
			exit 0; \
		fi; \
	fi; \
	echo "building the OpenXR runtime (Monado, once) into $$prefix"; \
	work=$$(mktemp -d) && trap 'rm -rf "$$work"' EXIT && start=$$(date +%s) && \
	tar -xJf "$(XR_SHARED)/$(XR_MONADO).tar.xz" -C "$$work" && rm -rf "$$prefix" && \
	if BUILD_DIR="$$work/build" bash "$(XR_SHARED)/build-monado.sh" "$$work/$(XR_MONADO)" "$$prefix" inproc \
		>"$$work/build.log" 2>&1; then \
		touch "$$prefix/.built"; echo "OpenXR runtime built in $$(( $$(date +%s) - start )) s"; \
	else \
		tail -n 40 "$$work/build.log"; rm -rf "$$prefix"; echo "error: building Monado failed"; exit 1; \
	fi

# Lint and the layer rules first (seconds), then the suite.
test: $(STAMP) system-deps khronos-validator web-tools xr-runtime
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports --no-cache
	$(PY) -m pytest

bench: $(STAMP) bench-scaling
	$(PY) run_tour.py bench --out benchmarks/latest.json

# Props multiplied 1x-64x on a synthetic scene, far levels of detail on and off (about 4 minutes).
bench-scaling: $(STAMP)
	$(PY) benchmarks/scaling.py --out benchmarks/scaling.json

# The kiosk's soak (30 minutes of attract loop and scripted visits in a window; an Xvfb of its own
# on :100-:109 without a display): resident memory after warm-up, into out/soak.json. SOAK_MINUTES=3 for a try.
SOAK_MINUTES ?= 30
soak: $(STAMP)
	$(PY) benchmarks/kiosk_soak.py --minutes $(SOAK_MINUTES) --out out/soak.json

clean-cache:
	rm -rf "$${LUDAO_DATA:-$$HOME/.local/share/ludao}/cache"
