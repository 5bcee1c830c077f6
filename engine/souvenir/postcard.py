"""The souvenir postcard: the visitor's view, the scene's name in Chinese and English, the date,
their stamps and badges, and a QR code that holds the whole signed certificate.

Layout (1200x800): the view fills the left 720 px, cropped to cover, with the scene name and date
over a dark gradient at its foot; a paper panel on the right lists stamps, badges and finds in the
visitor's language; the QR code (black on white, 4-module quiet zone, modules of 4 px or more) sits
in the bottom-right corner, "Scan to verify / 扫码验证" and the score to its left.

OpenCV's plain QR detector misses some clean symbols, depending on the data mask; so the postcard
uses a mask that it reads back from the finished card (also scaled to 70% and back), and
read_certificate_from_png tries rescaled and binarised copies and OpenCV's ArUco-based detector."""
from __future__ import annotations

from datetime import date as Date
from functools import lru_cache
from pathlib import Path

import numpy as np
import segno
from PIL import Image, ImageDraw, ImageFont, ImageOps

from engine.files import atomic_write
from engine.souvenir.image_limits import open_bounded
from engine.settings import UI_FONT

FONT_PATH = UI_FONT
CARD_SIZE = (1200, 800)
VIEW_WIDTH = 720
MARGIN = 32
QUIET_ZONE = 4            # modules of white around the symbol, as the QR standard asks
MIN_MODULE_PX = 4
QR_TARGET_PX = 300        # the symbol's side, quiet zone included, when modules can be larger than 4 px
ERROR_LEVEL = "m"
TITLE_H = 36
SECTION_GAP = 10
MAX_CHIP_ROWS = 3          # rows of badges; more than fit are counted on a line below
FOUND_LINE_H = 28

PAPER = (247, 241, 227)
INK = (38, 31, 26)
MUTED = (120, 110, 100)
SEAL = (199, 31, 31)
WHITE = (255, 255, 255)

LABELS = {
    "header": {"zh": "鹭岛 · 游览纪念", "en": "Ludao · Visit souvenir"},
    "stamps": {"zh": "印章", "en": "Stamps"},
    "badges": {"zh": "徽章", "en": "Badges"},
    "collectibles": {"zh": "收藏", "en": "Found"},
    "score": {"zh": "得分", "en": "Score"},
    "none": {"zh": "还没有", "en": "none yet"},
    "more": {"zh": "…… 另有 {n} 个", "en": "… and {n} more"},
    "signed": {"zh": "签发装置 {key}", "en": "Signed by {key}"},
    "scan": {"zh": ("扫码验证", "Scan to verify"), "en": ("Scan to verify", "扫码验证")},
}
CHECK = "✓"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


def verify_link(verify_url: str | None, cert_text: str) -> str:
    """What the QR code holds: the certificate, or a verification page's address with the certificate
    as its fragment (`https://.../verify.html#LUDAO1:...`, which no browser sends to the server)."""
    return f"{verify_url}#{cert_text}" if verify_url else cert_text


def certificate_in(qr_text: str) -> str | None:
    """The certificate a QR code's text holds (alone, or as a link's fragment), or None."""
    if qr_text.startswith("LUDAO"):
        return qr_text
    _, mark, fragment = qr_text.rpartition("#")
    return fragment if mark and fragment.startswith("LUDAO") else None


def certificate_qr(qr_text: str, mask: int | None = None) -> segno.QRCode:
    """The QR symbol for verify_link's text: error correction at least M (raised where that costs no
    size). A link is two segments, the address in byte mode and the certificate (LUDAO1 uses only
    alphanumeric characters) in alphanumeric mode: one QR version more than the certificate alone.
    mask: one of the eight QR data masks, or None for the one segno's penalty rules pick."""
    address, mark, cert_text = qr_text.rpartition("#")
    content = [(address + mark, segno.consts.MODE_BYTE), (cert_text, segno.consts.MODE_ALPHANUMERIC)] if mark else qr_text
    return segno.make(content, error=ERROR_LEVEL, micro=False, boost_error=True, mask=mask)


def qr_image(qr: segno.QRCode, module_px: int) -> Image.Image:
    """Black modules on white with the quiet zone, each module exactly module_px square (no resampling)."""
    modules = np.pad(np.array(qr.matrix, dtype=bool), QUIET_ZONE)
    pixels = np.where(modules, 0, 255).astype(np.uint8).repeat(module_px, axis=0).repeat(module_px, axis=1)
    return Image.fromarray(pixels, mode="L")


def module_px_for(qr: segno.QRCode) -> int:
    side = qr.symbol_size(scale=1, border=QUIET_ZONE)[0]
    return max(MIN_MODULE_PX, QR_TARGET_PX // side)


# --- rendering ------------------------------------------------------------------------------------------

def render_postcard(view: Image.Image | str | Path, cert_text: str, *, scene_name: dict, stamps: list[dict],
                    badges: list[dict], date: Date, lang: str, out: Path, collectibles: list[dict] | None = None,
                    score: int | None = None, key_id: str | None = None, frame: dict | None = None,
                    verify_url: str | None = None) -> Path:
    """Draw the postcard and write it to `out` atomically (a PNG); returns `out`.

    view: the picture (a PIL image or an image file). stamps, badges, collectibles: dicts with "id"
    and "name" {zh, en} (or game objects with .id and .name), in the order collected; names show
    in `lang`. scene_name: {zh, en} or an object with .zh and .en. score and key_id are printed
    when given. frame: an event's {"colour": "#rrggbb", "title": {zh, en}}: a border round the view
    and the event's name on it. verify_url: a verification page the QR code opens (verify_link).
    ValueError if the certificate is too long for a QR code that fits the card."""
    if lang not in ("zh", "en"):
        raise ValueError(f"lang should be 'zh' or 'en', got {lang!r}")
    card = Image.new("RGB", CARD_SIZE, PAPER)
    picture = _open_view(view)
    card.paste(ImageOps.fit(picture, (VIEW_WIDTH, CARD_SIZE[1]), Image.Resampling.LANCZOS), (0, 0))
    _caption(card, scene_name, date, lang)
    if frame is not None:
        _event_frame(card, frame, lang)
    draw = ImageDraw.Draw(card)
    qr_text = verify_link(verify_url, cert_text)
    qr_left, qr_top, _ = _qr_place(qr_text)
    left, right = VIEW_WIDTH + MARGIN, CARD_SIZE[0] - MARGIN
    _beside_qr(draw, score, key_id, lang, left, qr_left - 12)

    # Badges and collectibles are measured first; the stamps get the height that is left.
    lists_bottom = qr_top - 16
    below = _chips(None, LABELS["badges"][lang], badges, lang, left, right, 0, 10**6)
    found = _found_lines(collectibles, lang, right - left)
    below += FOUND_LINE_H * len(found) + (8 if found else 0)
    y = _stamp_list(draw, stamps, lang, left, right, MARGIN - 6, lists_bottom - below - SECTION_GAP)
    y = _chips(draw, LABELS["badges"][lang], badges, lang, left, right, y + SECTION_GAP, lists_bottom)
    for i, line in enumerate(found):
        draw.text((left, y + 8 + i * FOUND_LINE_H), line, font=_font(19), fill=INK)
    card.paste(_readable_symbol(card, qr_text, (qr_left, qr_top)), (qr_left, qr_top))
    return _save_atomically(card, Path(out))


FRAME_PX = 14


def _event_frame(card: Image.Image, frame: dict, lang: str) -> None:
    """An event's border round the view, and its name on a tab at the view's top right."""
    text = frame["colour"].lstrip("#")
    rgb = tuple(int(text[i:i + 2], 16) for i in (0, 2, 4))
    draw = ImageDraw.Draw(card)
    draw.rectangle((0, 0, VIEW_WIDTH - 1, CARD_SIZE[1] - 1), outline=rgb, width=FRAME_PX)
    title = frame["title"][lang]
    font = _font(26)
    width = draw.textlength(title, font=font)
    x = VIEW_WIDTH - FRAME_PX - 24 - width
    draw.rectangle((x - 14, FRAME_PX, x + width + 14, FRAME_PX + 46), fill=rgb)
    draw.text((x, FRAME_PX + 8), title, font=font, fill=(255, 255, 255))


def _open_view(view) -> Image.Image:
    if isinstance(view, Image.Image):
        return view.convert("RGB")
    with Image.open(view) as image:
        return image.convert("RGB")


def _caption(card: Image.Image, scene_name: dict, date: Date, lang: str) -> None:
    """Ludao's name at the top of the view; the scene's name (Chinese and English) and the date
    over a dark gradient at its foot."""
    for top, height, rising in ((0, 90, False), (CARD_SIZE[1] - 250, 250, True)):
        ramp = np.linspace(0, 1, height) if rising else np.linspace(1, 0, height)
        alpha = (ramp ** 1.6 * (190 if rising else 110)).astype(np.uint8)
        shade = Image.new("RGBA", (VIEW_WIDTH, height), (0, 0, 0, 0))
        shade.putalpha(Image.fromarray(np.repeat(alpha[:, None], VIEW_WIDTH, axis=1), mode="L"))
        card.paste(shade, (0, top), shade)
    draw = ImageDraw.Draw(card)
    x = MARGIN + 8
    _shadowed(draw, (x, MARGIN - 8), LABELS["header"][lang], _font(22), WHITE)
    y = CARD_SIZE[1] - MARGIN
    when = (f"{date.year}年{date.month}月{date.day}日" if lang == "zh"
            else f"{date.day} {MONTHS[date.month - 1]} {date.year}")
    zh, en = _in_language(scene_name, "zh"), _in_language(scene_name, "en")
    for text, size, fill in ((when, 24, (235, 235, 235)), (en if en != zh else "", 34, WHITE), (zh, 64, WHITE)):
        font = _font(size)
        y -= size + (10 if size > 30 else 6)
        _shadowed(draw, (x, y), _fit(text, font, VIEW_WIDTH - 2 * MARGIN), font, fill)


def _shadowed(draw, xy, text, font, fill) -> None:
    draw.text((xy[0] + 2, xy[1] + 2), text, font=font, fill=(0, 0, 0))
    draw.text(xy, text, font=font, fill=fill)


def _stamp_list(draw, stamps, lang, left, right, y, bottom) -> int:
    """"✓ name" lines: one column when they all fit, else two (long names cut with "…"); when even
    two columns overflow, the last line says how many more."""
    draw.text((left, y), f"{LABELS['stamps'][lang]} ({len(stamps)})", font=_font(25), fill=INK)
    y += TITLE_H
    if not stamps:
        draw.text((left, y), LABELS["none"][lang], font=_font(20), fill=MUTED)
        return y + 30
    size, row = 20, 26
    columns = 1 if len(stamps) * row <= bottom - y else 2
    width = (right - left) // columns
    capacity = max(1, (bottom - y) // row) * columns
    shown = stamps if len(stamps) <= capacity else stamps[:capacity - 1]
    lines = len(shown) + (len(shown) < len(stamps))        # the "and N more" line takes a place
    per_column = -(-lines // columns)                      # filled column by column
    font = _font(size)
    for i, stamp in enumerate(shown):
        col, r = divmod(i, per_column)
        x, ty = left + col * width, y + r * row
        draw.text((x, ty), CHECK, font=font, fill=SEAL)
        draw.text((x + size + 6, ty), _fit(_name(stamp, lang), font, width - size - 16), font=font, fill=INK)
    if len(shown) < len(stamps):
        col, r = divmod(len(shown), per_column)
        draw.text((left + col * width, y + r * row), LABELS["more"][lang].format(n=len(stamps) - len(shown)),
                  font=font, fill=MUTED)
    return y + per_column * row


def _chips(draw, title, items, lang, left, right, y, bottom) -> int:
    """Badges as red seals with white names, wrapping to more rows while there is room; returns the
    bottom. With draw=None it only measures (from y=0: the block's height)."""
    if draw:
        draw.text((left, y), f"{title} ({len(items)})", font=_font(25), fill=INK)
    y += TITLE_H
    if not items:
        if draw:
            draw.text((left, y), LABELS["none"][lang], font=_font(20), fill=MUTED)
        return y + 30
    font, height, gap = _font(19), 34, 10
    x, row = left, 1
    for i, item in enumerate(items):
        text = _fit(_name(item, lang), font, right - left - 24)
        width = int(font.getlength(text)) + 24
        if x + width > right and x > left:
            x, y, row = left, y + height + gap, row + 1
            if (row > MAX_CHIP_ROWS or y + 2 * height + gap > bottom) and i < len(items) - 1:
                if draw:
                    draw.text((x, y + height / 2), LABELS["more"][lang].format(n=len(items) - i), font=font,
                              fill=MUTED, anchor="lm")
                return y + height
        if draw:
            draw.rounded_rectangle((x, y, x + width, y + height), radius=8, fill=SEAL)
            draw.text((x + 12, y + height / 2), text, font=font, fill=WHITE, anchor="lm")
        x += width + gap
    return y + height


def _found_lines(collectibles, lang, width) -> list[str]:
    """"Found: a · b · c", wrapped between items onto at most two lines."""
    if not collectibles:
        return []
    font = _font(19)
    lines, line = [], f"{LABELS['collectibles'][lang]}: "
    for i, item in enumerate(collectibles):
        name = _name(item, lang) + (" · " if i < len(collectibles) - 1 else "")
        if font.getlength(line + name.rstrip(" ·")) > width and line.strip() and len(lines) == 0 and i > 0:
            lines.append(line.rstrip())
            line = "    "
        line += name
    lines.append(line)
    return [_fit(text, font, width) for text in lines]


def _qr_place(qr_text: str) -> tuple[int, int, int]:
    """Where the QR code goes, quiet zone included: the bottom-right corner. (left, top, side)."""
    qr = certificate_qr(qr_text)
    side = qr.symbol_size(scale=module_px_for(qr), border=QUIET_ZONE)[0]
    if side > CARD_SIZE[0] - VIEW_WIDTH - 2 * MARGIN or side > CARD_SIZE[1] // 2 + 100:
        raise ValueError(f"the certificate ({len(qr_text)} characters, QR version {qr.version}) is too long "
                         "for a QR code on the postcard")
    return CARD_SIZE[0] - MARGIN // 2 - side, CARD_SIZE[1] - MARGIN // 2 - side, side


def _readable_symbol(card: Image.Image, qr_text: str, where: tuple[int, int]) -> Image.Image:
    """The QR symbol, with the data mask that OpenCV's plain detector reads back from the finished
    card, as it is and scaled to 70% and back. Its finder-pattern search misses some clean symbols (about 1
    in 7 of this size, measured with OpenCV 5.0) and which ones depends on the mask; any of the
    eight masks is valid QR, so every reader can read the one chosen. Falls back to segno's choice
    of mask (read_certificate_from_png still finds it, with its other attempts)."""
    import cv2

    default = certificate_qr(qr_text)
    masks = [default.mask] + [m for m in range(8) if m != default.mask]
    gray = np.asarray(card.convert("L")).copy()
    detector = cv2.QRCodeDetector()
    for mask in masks:
        qr = default if mask == default.mask else certificate_qr(qr_text, mask)
        symbol = qr_image(qr, module_px_for(qr))
        x, y = where
        gray[y:y + symbol.size[1], x:x + symbol.size[0]] = np.asarray(symbol)
        small = cv2.resize(gray, None, fx=0.7, fy=0.7, interpolation=cv2.INTER_AREA)
        blurred = cv2.resize(small, gray.shape[::-1], interpolation=cv2.INTER_LINEAR)
        if all(_decode(detector, image) == qr_text for image in (gray, blurred)):
            return symbol
    return qr_image(default, module_px_for(default))


def _beside_qr(draw, score, key_id, lang, left, right) -> None:
    """Left of the QR code, from the bottom up: the signer's key id, the score, "Scan to verify"."""
    y = CARD_SIZE[1] - MARGIN + 4
    if key_id:
        draw.text((left, y), _fit(LABELS["signed"][lang].format(key=key_id), _font(14), right - left),
                  font=_font(14), fill=MUTED, anchor="ls")
        y -= 30
    if score is not None:
        draw.text((left, y), _fit(str(score), _font(52), right - left), font=_font(52), fill=SEAL, anchor="ls")
        draw.text((left, y - 58), LABELS["score"][lang], font=_font(21), fill=INK, anchor="ls")
        y -= 110
    first, second = LABELS["scan"][lang]
    font = _font(19)
    draw.text((left, y - 30), _fit(first, font, right - left), font=font, fill=INK, anchor="ls")
    draw.text((left, y), _fit(second + " →", font, right - left), font=font, fill=INK, anchor="ls")


def _name(item, lang: str) -> str:
    """An item's name in `lang`: item is a dict {"id", "name"} or an object with .id and .name (a
    game Checkin, Badge or Collectible); a name is a dict {zh, en} or an object with .zh and .en."""
    name = item.get("name") if isinstance(item, dict) else getattr(item, "name", None)
    text = _in_language(name, lang) if name is not None else None
    if text:
        return text
    return str(item.get("id", "") if isinstance(item, dict) else getattr(item, "id", item))


def _in_language(name, lang: str) -> str:
    if isinstance(name, str):
        return name
    other = "en" if lang == "zh" else "zh"
    get = name.get if isinstance(name, dict) else (lambda key: getattr(name, key, None))
    return get(lang) or get(other) or ""


def _fit(text: str, font: ImageFont.FreeTypeFont, width: float) -> str:
    if font.getlength(text) <= width:
        return text
    while text and font.getlength(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"


@lru_cache(maxsize=16)
def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_PATH), size)


def _save_atomically(image: Image.Image, out: Path) -> Path:
    with atomic_write(out, "wb") as handle:
        image.save(handle, format="PNG")
    return out


# --- reading back ------------------------------------------------------------------------------------------

def read_certificate_from_png(path: str | Path, *, max_pixels: int = 4096 * 4096,
                              max_side: int = 8192) -> str | None:
    """The text of the QR code in an image (a postcard PNG, or a photo of one), or None if no QR
    code could be read; ImageTooLarge, before decoding, for an image over the limits. Prefers a
    code that holds a Ludao certificate when there are several, and gives the certificate alone
    when the code is a link to its verification page.

    OpenCV's plain detector first, on the image and then on rescaled and binarised copies; each
    copy also goes to its ArUco-based detector, which finds finder patterns the plain one misses."""
    with open_bounded(path, max_pixels=max_pixels, max_side=max_side) as image:  # ImageTooLarge
        gray = np.asarray(ImageOps.exif_transpose(image).convert("L"))
    import cv2  # imported here: OpenCV takes a moment to load and only reading needs it

    detectors = (cv2.QRCodeDetector(), cv2.QRCodeDetectorAruco())
    found: str | None = None
    for candidate in _candidates(gray, cv2):
        for detector in detectors:
            text = _decode(detector, candidate)
            if text and certificate_in(text):
                return certificate_in(text)
            found = found or text
    return found


def _candidates(gray: np.ndarray, cv2):
    """The image, then copies at other scales and binarised: the detector's finder-pattern search
    and sampling work better at some scales than others."""
    yield gray
    height, width = gray.shape
    for factor in (0.7, 0.5, 2.0, 1.5):
        if min(height, width) * factor < 100 or max(height, width) * factor > 5000:
            continue
        interpolation = cv2.INTER_AREA if factor < 1 else cv2.INTER_CUBIC
        yield cv2.resize(gray, None, fx=factor, fy=factor, interpolation=interpolation)
    yield _binarised(gray, cv2)


def _binarised(gray: np.ndarray, cv2) -> np.ndarray:
    _, binary = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return binary


def _decode(detector, image: np.ndarray) -> str | None:
    try:
        text, points, _ = detector.detectAndDecode(image)
    except Exception:  # cv2.error on degenerate input: treat as "not found" and try the next copy
        return None
    return text or None
