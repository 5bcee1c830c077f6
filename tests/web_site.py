"""Fixtures for the published web site, shared by the publish tests: the site published once a module,
a static server on 127.0.0.1 and Debian's Chromium driven by Playwright (software WebGL).

Without Node and the web tools (make web-tools) the site fixtures skip; without Chromium or the
playwright package, the browser ones do. Registered for every test module by conftest.py."""
from __future__ import annotations

import functools
import http.server
import socket
import threading
import time
from pathlib import Path

import pytest

from engine.cli.exit_codes import EXIT_OK
from engine.cli.main import main
from engine.errors import MissingCapability
from tests.conftest import DATA, engine_logging_as_found

SCENES = DATA / "scenes"
CHROMIUM = Path("/usr/bin/chromium")
PORTS = range(8700, 8800)
READY_TIMEOUT_S = 60
SCENE_READY = "window.sceneReady === true || !!window.sceneError"


def web_tools_or_skip() -> None:
    from engine.publish.web_tools import find_web_tools
    try:
        find_web_tools()
    except MissingCapability as exc:
        pytest.skip(f"no web tools: {exc}")


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("publish-data")


@pytest.fixture(scope="module")
def published(data_dir, tmp_path_factory):
    """published(scene, scenes=..., scripts=...) -> the site's folder, published once a module
    (scripts: a tours folder other than the project's)."""
    web_tools_or_skip()
    made: dict[tuple, Path] = {}
    root = tmp_path_factory.mktemp("sites")

    def _publish(scene: str, scenes: Path = SCENES, scripts: Path | None = None) -> Path:
        if (scene, scripts) not in made:
            out = root / (scene if scripts is None else f"{scene}-{scripts.name}")
            args = ["publish", scene, "--out", str(out), "--data", str(data_dir)]
            if scenes is not None:
                args += ["--scenes", str(scenes)]
            if scripts is not None:
                args += ["--scripts", str(scripts)]
            with engine_logging_as_found():  # a module-scoped fixture may publish, outside a test's own wrapping
                assert main(args) == EXIT_OK
            made[(scene, scripts)] = out
        return made[(scene, scripts)]

    return _publish


def wait_until(page, expression: str, timeout_s: float = READY_TIMEOUT_S, why: str = "") -> None:
    """Polls `expression` in the page until it is truthy: Playwright's wait_for_function evaluates a
    string, which the site's CSP forbids."""
    deadline = time.monotonic() + timeout_s
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, why or f"not in {timeout_s} s: {expression}"
        time.sleep(0.05)


def _free_port() -> int:
    for port in PORTS:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    pytest.skip("no free port in 8700-8799 for the static server")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def handle(self):  # the browser may drop a connection it no longer needs
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):
            pass


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium (make system-deps installs Debian's chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="no playwright (pip install -e '.[test]')")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=["--enable-unsafe-swiftshader"])
        yield b
        b.close()


@pytest.fixture(scope="module")
def open_site(browser):
    """open_site(folder, page="index.html", ready=...) -> (page, origin, requested URLs), served from
    127.0.0.1 until the module ends; waits until `ready` holds in the page (the scene drawn, or an error)."""
    servers = []

    def _open(folder: Path, page: str = "index.html", ready: str = SCENE_READY, **page_options):
        port = _free_port()
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port),
                                                 functools.partial(_QuietHandler, directory=str(folder)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        tab = browser.new_page(**({"viewport": {"width": 1280, "height": 720}} | page_options))
        requested: list[str] = []
        tab.on("request", lambda request: requested.append(request.url))
        origin = f"http://127.0.0.1:{port}"
        tab.goto(f"{origin}/{page}")
        wait_until(tab, ready, why=f"{page} was not ready in time")
        assert tab.evaluate("window.sceneError || null") is None
        return tab, origin, requested

    yield _open
    for server in servers:
        server.shutdown()
        server.server_close()


