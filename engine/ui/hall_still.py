"""The exhibition hall's still screen: one picture of a viewpoint filling the window, and a caption
in both languages on a dark band ("本馆开放时间 09:00-17:30 / Open 09:00-17:30", "静音时段 / Quiet
hours"). The picture is a texture on render2d, drawn behind every widget, so the 3D scene need not
be drawn at all while the hall rests."""
from __future__ import annotations

from direct.gui.DirectGui import DirectFrame, OnscreenText
from direct.gui.OnscreenImage import OnscreenImage
from panda3d.core import TextNode

from engine.ui.fonts import ui_font

BAND = (0.02, 0.03, 0.05, 0.85)
WHITE = (1.0, 1.0, 1.0, 1.0)
SOFT = (0.85, 0.88, 0.93, 1.0)
ORDER = ("zh", "en")


class StillScreen:
    def __init__(self, parent, caption: dict[str, str], *, picture=None, backdrop=None):
        """parent: the 2D overlay; picture: a Texture of the frame to show, on `backdrop` (render2d)."""
        self.image = None
        if picture is not None and backdrop is not None:
            self.image = OnscreenImage(image=picture, parent=backdrop, scale=(1, 1, 1))
            self.image.set_bin("background", 0)  # under aspect2d's widgets
            self.image.set_depth_write(False)
            self.image.set_depth_test(False)
        self.frame = DirectFrame(parent=parent, frameColor=BAND, frameSize=(-1.4, 1.4, -0.17, 0.17), pos=(0, 0, -0.68))
        self.lines = [OnscreenText(parent=self.frame, text="", font=ui_font(), scale=scale, pos=(0, z), fg=fg,
                                   align=TextNode.A_center)
                      for scale, z, fg in ((0.09, 0.03, WHITE), (0.065, -0.09, SOFT))]  # zh, then en
        self.show(caption)

    def show(self, caption: dict[str, str]) -> None:
        for line, lang in zip(self.lines, ORDER):
            line.setText(caption.get(lang, ""))

    @property
    def texts(self) -> list[str]:
        return [line.getText() for line in self.lines]

    def destroy(self) -> None:
        self.frame.destroy()
        if self.image is not None:
            self.image.destroy()
            self.image = None
