"""kiosk.yaml: what a touch kiosk offers and how it behaves, validated like every content file
(positioned FILE:LINE:COL diagnostics, codes K0xx; JSON Schema schemas/kiosk.schema.json).

    scenes: [gulangyu, yundang]     the scenes offered on the start screen (default: every scene)
    languages: [zh, en]             the language buttons, the first is the attract loop's first line
    idle_s: 90                      a visit untouched this long asks "still there?"
    countdown_s: 30                 ... and ends when the prompt's countdown reaches zero
    attract: {seconds_per_view: 8, views: [{scene: gulangyu, view: overview}]}
    operator: {corner: top_left, hold_s: 3, salt: ..., pin_sha256: ...}
    printer: {queue: Postcards, copies: 1}   a CUPS queue for the end of a visit's postcard (default: none)
    verify_url: https://.../verify.html   the published verification page (`publish`) the postcard's
                                    QR code opens, the certificate as its fragment (default: none;
                                    the QR code holds the certificate alone)
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Optional

from pydantic import Field

from engine.diagnostics import ContentError, Diagnostic, did_you_mean
from engine.manifest.common import Id, Strict
from engine.manifest.kinds import ContentKind, register
from engine.manifest.schema_errors import validate_model
from engine.manifest.yaml_loader import Document, load_yaml

CONFIG_FILE = "kiosk.yaml"
Lang = Literal["zh", "en"]


class AttractView(Strict):
    scene: Id
    view: Optional[Id] = Field(None, description="a viewpoint of the scene; default: each of its viewpoints in turn")


class Attract(Strict):
    """The attract loop: a slow flight from viewpoint to viewpoint, scene after scene."""

    seconds_per_view: float = Field(8.0, ge=2, le=120, description="flight plus rest at each viewpoint")
    views: list[AttractView] = Field([], max_length=100, description="default: every viewpoint of every offered "
                                                                      "scene, in order")


class Operator(Strict):
    """How staff leave the kiosk: hold a corner of the screen, then type the PIN on the on-screen pad."""

    corner: Literal["top_left", "top_right", "bottom_left", "bottom_right"] = "top_left"
    hold_s: float = Field(3.0, ge=1, le=15, description="how long the corner is held")
    keys: Optional[str] = Field("control-alt-o", max_length=40,
                                description="a key combination that opens the PIN pad too (Panda3D event name); "
                                            "null for none")
    salt: str = Field(pattern=r"^[0-9a-fA-F]{16,128}$", description="hex, made by `python -m engine.kiosk.pin`")
    pin_sha256: str = Field(pattern=r"^[0-9a-fA-F]{64}$",
                            description="PBKDF2-HMAC-SHA256 of the PIN with `salt` (engine/kiosk/pin.py)")


class Printer(Strict):
    """A printer for visitors' postcards: a CUPS queue of this machine (`lpstat -p` lists them)."""

    queue: str = Field(pattern=r"^[A-Za-z0-9_.@-]{1,127}$", description="the CUPS queue's name")
    copies: int = Field(1, ge=1, le=3, description="copies of each postcard")


class KioskConfig(Strict):
    """A touch kiosk: start screen, attract loop, idle reset and the operator's exit."""

    scenes: list[Id] = Field([], max_length=50, description="the scenes offered; default: every scene")
    languages: list[Lang] = Field(["zh", "en"], min_length=1, max_length=2)
    idle_s: float = Field(90.0, ge=1, le=3600, description="seconds untouched before the 'still there?' prompt")
    countdown_s: float = Field(30.0, ge=1, le=600, description="the prompt's countdown; at zero the visit ends")
    attract: Attract = Attract()
    operator: Operator
    printer: Optional[Printer] = Field(None, description="print visitors' postcards here; default: no printing")
    verify_url: Optional[str] = Field(
        None, pattern=r"^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~/%+-]*)?$", max_length=120,
        description="the published site's verify.html (run_tour.py publish): a postcard's QR code opens it with the "
                    "certificate as the address's fragment; default: the QR code holds the certificate alone")


register(ContentKind("kiosk", KioskConfig, "kiosk.schema.json"))


def _unknown_views(doc: Document, config: KioskConfig, offered: dict[str, Path]) -> list[Diagnostic]:
    """K005 for an attract view that names a viewpoint its scene does not have (a broken scene is
    reported by its own validation, not here)."""
    from engine.manifest.scene_loader import load_scene
    views: dict[str, list[str] | None] = {}
    out = []
    for i, view in enumerate(config.attract.views):
        if view.view is None or view.scene not in offered:
            continue
        if view.scene not in views:
            try:
                views[view.scene] = [vp.id for vp in load_scene(offered[view.scene])[0].viewpoints]
            except ContentError:
                views[view.scene] = None
        known = views[view.scene]
        if known is not None and view.view not in known:
            out.append(doc.diagnostic(("attract", "views", i, "view"), "K005",
                                      f"scene '{view.scene}' has no viewpoint '{view.view}'",
                                      hint=did_you_mean(view.view, known) or f"its viewpoints: {', '.join(known)}"))
    return out


@dataclass
class Kiosk:
    """A checked kiosk.yaml: the config and the scenes it offers (id -> manifest path)."""

    config: KioskConfig
    path: Path
    scenes: dict[str, Path]


def load_kiosk(path: str | Path, scenes_dir: Path) -> tuple[Kiosk, Document]:
    from engine.scene_library import scene_manifests
    doc = load_yaml(path)
    if isinstance(doc.data, dict) and isinstance(doc.data.get("operator"), dict) and "pin" in doc.data["operator"]:
        raise ContentError([doc.diagnostic(("operator", "pin"), "K003", "a PIN is never written in plain",
                                           key=True, hint="write its salt and pin_sha256: python -m engine.kiosk.pin")])
    config = validate_model(doc, KioskConfig, "kiosk.yaml")
    known = scene_manifests(scenes_dir)
    problems: list[Diagnostic] = []
    for i, scene in enumerate(config.scenes):
        if scene not in known:
            problems.append(doc.diagnostic(("scenes", i), "K001", f"no scene '{scene}'",
                                           hint=did_you_mean(scene, known) or f"the scenes: {', '.join(known)}"))
    offered = {s: known[s] for s in (config.scenes or known) if s in known}
    for i, view in enumerate(config.attract.views):
        if view.scene not in offered:
            problems.append(doc.diagnostic(("attract", "views", i, "scene"), "K002",
                                           f"the attract loop shows '{view.scene}', which the kiosk does not offer",
                                           hint=did_you_mean(view.scene, offered) or "add it to `scenes`"))
    problems += _unknown_views(doc, config, offered)
    if len(set(config.languages)) != len(config.languages):
        problems.append(doc.diagnostic(("languages",), "K004", "a language is named twice"))
    if problems:
        raise ContentError(problems)
    if not offered:
        raise ContentError([doc.diagnostic(("scenes",), "K001", "the kiosk offers no scene",
                                           hint=f"no scene.yaml under {scenes_dir}")])
    return Kiosk(config, Path(path), offered), doc
