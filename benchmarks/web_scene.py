"""A published scene in a real browser: each scene published (`run_tour.py publish`), served from
127.0.0.1 and opened in Debian's headless Chromium (Playwright, WebGL on SwiftShader: a CPU figure
on a machine without a GPU). Per scene: the site's files and size, load to first frame (navigation
to `window.sceneReady`), and orbit frames a second while the view turns round the scene for a few
seconds (OrbitControls' auto-rotation; the viewer draws only when the view changes, so every frame
counted is an orbit frame); and the souvenir check: verify.html opened with a certificate in its
fragment, to the verdict on the page (a certificate signed by a temporary key the site lists).

    python benchmarks/web_scene.py [--scenes gulangyu,shapowei,yundang] [--size 1280x720] [--out F.json]
"""
from __future__ import annotations

import argparse
import functools
import http.server
import json
import socket
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
PORTS = range(8700, 8800)
ORBIT_S = 5.0


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def handle(self):
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):
            pass


def _serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    for port in PORTS:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) != 0:
                break
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{port}/index.html"


def measure(browser, site: Path, size: tuple[int, int], certificate: str) -> dict:
    server, url = _serve(site)
    try:
        page = browser.new_page(viewport={"width": size[0], "height": size[1]})
        start = time.perf_counter()
        page.goto(url)
        while not page.evaluate("window.sceneReady === true || !!window.sceneError"):  # the CSP forbids wait_for_function
            time.sleep(0.02)
        first_frame_s = time.perf_counter() - start
        error = page.evaluate("window.sceneError || null")
        frames0, t0 = page.evaluate("window.ludao.frames()"), time.perf_counter()
        page.evaluate("window.ludao.spin(true)")
        time.sleep(ORBIT_S)
        page.evaluate("window.ludao.spin(false)")
        fps = (page.evaluate("window.ludao.frames()") - frames0) / (time.perf_counter() - t0)
        renderer = page.evaluate("""() => { const gl = document.createElement('canvas').getContext('webgl2');
            const info = gl && gl.getExtension('WEBGL_debug_renderer_info');
            return info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : null; }""")
        page.close()
        verify = browser.new_page(viewport={"width": 390, "height": 844})
        start = time.perf_counter()
        verify.goto(url.replace("index.html", f"verify.html#{certificate}"))
        while not verify.evaluate("window.verified || window.verifyError || null"):
            time.sleep(0.01)
        verdict_s, verdict = time.perf_counter() - start, verify.evaluate("window.verified || window.verifyError")
        verify.close()
    finally:
        server.shutdown()
        server.server_close()
    files = {str(p.relative_to(site)): p.stat().st_size for p in sorted(site.rglob("*")) if p.is_file()}
    tours = sum(size for name, size in files.items() if name.startswith("tours/"))
    return {"files": files, "tours_bytes": tours, "site_bytes": sum(files.values()), "first_frame_s": round(first_frame_s, 2),
            "orbit_fps": round(fps, 1), "error": error, "renderer": renderer, "verdict": verdict,
            "verdict_s": round(verdict_s, 2)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenes", default="gulangyu,shapowei,yundang")
    parser.add_argument("--size", default="1280x720")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    size = tuple(int(v) for v in args.size.split("x"))
    from playwright.sync_api import sync_playwright

    from engine.cli.main import main as run_tour
    from engine.souvenir.certificate import issue
    from engine.souvenir.keys import Keyring
    results = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        ring = Keyring(Path(tmp) / "kiosk")
        certificate = issue(ring, scene="gulangyu", scene_name={"zh": "鼓浪屿", "en": "Gulangyu"}, session="5e551017",
                            stamps=["stamp_sunlight_rock", "stamp_bagua_lou"], badges=["three_in_a_row"], score=245,
                            issued=date(2026, 12, 7))
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--enable-unsafe-swiftshader"])
        for scene in args.scenes.split(","):
            site = Path(tmp) / scene
            start = time.perf_counter()
            if run_tour(["publish", scene, "--out", str(site), "--key", str(ring.public_path)]) != 0:
                return 1
            publish_s = time.perf_counter() - start
            results[scene] = {"publish_s": round(publish_s, 1), **measure(browser, site, size, certificate)}
            print(scene, json.dumps(results[scene]), flush=True)
        browser.close()
    if args.out:
        args.out.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
