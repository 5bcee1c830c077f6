"""The Node tools a publish runs, pinned in tools/web (make web-tools): esbuild bundles the viewer
with three.js into one classic script, and the souvenir verifier with pako; glTF Transform
compresses the model with meshopt. They are found in the source checkout; a machine without them
cannot publish (exit 3, saying what to run)."""
from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import engine
from engine.errors import MissingCapability

ROOT = Path(engine.__file__).resolve().parent.parent
TOOLS = ROOT / "tools" / "web"
VIEWER = ROOT / "web" / "viewer"
VERIFIER = ROOT / "web" / "verify"
TIMEOUT_S = 300


@dataclass(frozen=True)
class WebTools:
    node: str
    modules: Path

    @staticmethod
    def _run(*command: str, env: dict | None = None) -> None:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_S, env=env)
        if done.returncode != 0:
            tool = " ".join(Path(part).name for part in command[:2])
            raise RuntimeError(f"{tool} failed ({done.returncode}): {done.stderr.strip()[-2000:]}")

    def bundle_viewer(self, out: Path) -> None:
        """web/viewer/main.js and three.js as one minified IIFE script: it runs from any folder,
        file:// included, with no module loading."""
        self.bundle(VIEWER / "main.js", out)

    def bundle_verifier(self, out: Path) -> None:
        """web/verify/main.js and pako (DEFLATE with format 1's dictionary) as one script."""
        self.bundle(VERIFIER / "main.js", out)

    def bundle(self, entry: Path, out: Path) -> None:
        env = dict(os.environ, NODE_PATH=str(self.modules))  # `three` is found in tools/web, not beside the source
        # npm's esbuild/bin/esbuild is the native binary for this platform (its postinstall puts it there)
        self._run(str(self.modules / "esbuild" / "bin" / "esbuild"), str(entry), "--bundle",
                  "--format=iife", "--minify", "--target=es2020", "--legal-comments=none", f"--outfile={out}",
                  "--log-level=error", env=env)

    def webp(self, source: Path, out: Path) -> None:
        """The model with its PNG and JPEG textures as WebP (EXT_texture_webp, which every current
        browser reads), through sharp, glTF Transform's image codec."""
        self._run(self.node, str(self.modules / "@gltf-transform" / "cli" / "bin" / "cli.js"), "webp",
                  str(source), str(out))

    def meshopt(self, source: Path, out: Path) -> None:
        """The model with meshopt-compressed geometry (EXT_meshopt_compression), quantised as
        gltfpack does; node names and extras are kept."""
        self._run(self.node, str(self.modules / "@gltf-transform" / "cli" / "bin" / "cli.js"), "meshopt",
                  str(source), str(out))


def find_web_tools() -> WebTools:
    node = shutil.which("node")
    modules = TOOLS / "node_modules"
    needed = [modules / "three" / "package.json", modules / "pako" / "package.json", modules / "esbuild" / "bin" / "esbuild",
              modules / "@gltf-transform" / "cli" / "bin" / "cli.js"]
    missing = [p for p in needed if not p.exists()]
    if node is None or missing or not VIEWER.is_dir() or not VERIFIER.is_dir():
        what = ("Node (node)" if node is None else str(modules) if not modules.exists()
                else ", ".join(map(str, missing)) or f"{VIEWER} or {VERIFIER}")
        raise MissingCapability(f"publishing a scene needs Node and the web tools in {TOOLS}: missing {what}; "
                                f"run `make web-tools` in a source checkout (npm install)")
    return WebTools(node, modules)
