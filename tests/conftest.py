"""Shared fixtures: one quiet offscreen ShowBase per test session, caches in a temporary folder."""
from __future__ import annotations

import subprocess
import sys
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
ISLET = DATA / "scenes" / "islet" / "scene.yaml"
RENDER_SIZE = (320, 240)
pytest_plugins = ["tests.web_site"]  # the published site, its server and the browser


@lru_cache(maxsize=None)
def shipped_plan(scene_id: str):
    """(scene, manifest path, WorldPlan) of a shipped scene, planned once a session (test_coast,
    test_roads and test_skyline each planned all three: about 9 s each time, 60 MB kept). Read only."""
    from engine.manifest.scene_loader import load_scene
    from engine.world.plan.build import plan_world
    path = ROOT / "scenes" / scene_id / "scene.yaml"
    scene, _ = load_scene(path)
    return scene, path, plan_world(scene, path)


@pytest.fixture(scope="session")
def shipped_validation(tmp_path_factory) -> subprocess.CompletedProcess:
    """`run_tour.py validate` over all shipped content, run once a session (about 10 s): test_cli checks
    the command's contract on it, test_text_fit_check that no shipped text overflows its box."""
    data = tmp_path_factory.mktemp("validate-data")
    return subprocess.run([sys.executable, str(ROOT / "run_tour.py"), "validate", "--data", str(data)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)


@pytest.fixture(scope="module")
def content_parsed_once():
    """For a module whose tests only read content (`pytestmark = pytest.mark.usefixtures(...)`): each
    scene and tour file is parsed once for all its tests, as `validate` does in a run (loading a tour
    or a game loads its scene again; engine.manifest.read_once). Nothing loaded may be changed."""
    from engine.manifest.read_once import files_read_once
    with files_read_once():
        yield


@pytest.fixture(scope="session")
def offscreen_base():
    from engine.display.base import make_base
    base = make_base(offscreen=True, size=RENDER_SIZE)
    yield base
    base.destroy()


@pytest.fixture(scope="session")
def scene_cache(tmp_path_factory):
    from engine.world.cache import SceneCache
    return SceneCache(tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="session")
def open_view(offscreen_base, scene_cache):
    """open_view(manifest_path) -> a SceneView on the shared base; the previous one is detached."""
    from engine.display.scene_view import SceneView
    from engine.world.library import get_scene
    current = []

    def _release():
        """Detach the view, so something else (a PlaySession) can show a scene on the shared base."""
        while current:
            current.pop().detach()

    def _open(path: Path):
        _release()
        built, _ = get_scene(Path(path), offscreen_base.loader, scene_cache)
        view = SceneView(offscreen_base, built)
        current.append(view)
        return view

    _open.release = _release
    yield _open
    while current:
        current.pop().detach()


@contextmanager
def engine_logging_as_found():
    """Running the command line in-process sets up the engine's log (its own handlers, no
    propagation to the root logger): undo it on leaving, so later tests' caplog still hears the
    engine. Every test is wrapped in it; a module-scoped fixture that runs the command line (it
    runs before a test's own wrapping) wraps itself."""
    import logging
    logger = logging.getLogger("ludao")
    handlers, propagate, level = list(logger.handlers), logger.propagate, logger.level
    try:
        yield
    finally:
        for handler in list(logger.handlers):
            if handler not in handlers:
                logger.removeHandler(handler)
                handler.close()
        logger.propagate, logger.level = propagate, level


@pytest.fixture(autouse=True)
def _ludao_logging_as_found():
    with engine_logging_as_found():
        yield
