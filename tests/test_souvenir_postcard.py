"""The souvenir postcard: what a visitor holds. Its QR code reads back, with OpenCV's detector, to
exactly the certificate, also after the blur of a resize; Chinese renders; the QR code is crisp,
has its quiet zone and modules of at least 4 px; the file is written atomically."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PIL import Image

from engine.souvenir.certificate import issue
from engine.souvenir.keys import Keyring
from engine.souvenir.postcard import (CARD_SIZE, FONT_PATH, LABELS, MIN_MODULE_PX, QUIET_ZONE, VIEW_WIDTH,
                                      certificate_in, certificate_qr, module_px_for, qr_image,
                                      read_certificate_from_png,
                                      render_postcard)

cv2 = pytest.importorskip("cv2")

GULANGYU = {"zh": "鼓浪屿", "en": "Gulangyu"}
STAMPS = [
    {"id": "stamp_sunlight_rock", "name": {"zh": "日光岩打卡", "en": "Sunlight Rock stamp"}},
    {"id": "stamp_memorial_hall", "name": {"zh": "郑成功纪念馆打卡", "en": "Zheng Chenggong Memorial Hall stamp"}},
    {"id": "stamp_shuzhuang_garden", "name": {"zh": "菽庄花园打卡", "en": "Shuzhuang Garden stamp"}},
    {"id": "stamp_piano_museum", "name": {"zh": "钢琴博物馆打卡", "en": "Piano Museum stamp"}},
    {"id": "stamp_gangzaihou_beach", "name": {"zh": "港仔后海滨浴场打卡", "en": "Gangzaihou Beach stamp"}},
    {"id": "stamp_haoyue_garden", "name": {"zh": "皓月园打卡", "en": "Haoyue Garden stamp"}},
    {"id": "stamp_bagua_lou", "name": {"zh": "八卦楼打卡", "en": "Bagua Lou stamp"}},
    {"id": "stamp_catholic_church", "name": {"zh": "天主堂打卡", "en": "Catholic Church stamp"}},
    {"id": "stamp_trinity_church", "name": {"zh": "三一堂打卡", "en": "Trinity Church stamp"}},
    {"id": "stamp_sanqiutian_pier", "name": {"zh": "三丘田码头打卡", "en": "Sanqiutian Pier stamp"}},
]
BADGES = [{"id": "all_stamps", "name": {"zh": "鼓浪屿集章达人", "en": "Gulangyu stamp collector"}},
          {"id": "three_in_a_row", "name": {"zh": "连中三题", "en": "Three in a row"}},
          {"id": "found_music_score", "name": {"zh": "琴声悠扬", "en": "Music lover"}}]
COLLECTIBLES = [{"id": "music_score", "name": {"zh": "乐谱", "en": "Music score"}},
                {"id": "seashell", "name": {"zh": "贝壳", "en": "Seashell"}},
                {"id": "organ_pipe", "name": {"zh": "风琴音管", "en": "Organ pipe"}}]
VISIT_DAY = date(2026, 5, 1)


def gradient_view(width=960, height=640) -> Image.Image:
    """A synthetic view: sky-blue to sea-green, with a dark "island" so the crop has something in it."""
    y, x = np.mgrid[0:height, 0:width].astype(np.float32)
    rgb = np.stack([70 + 60 * y / height, 130 + 70 * x / width, 220 - 90 * y / height], axis=-1)
    rgb[(x - width / 2) ** 2 / 4 + (y - height * 0.7) ** 2 < (height * 0.2) ** 2] = (60, 90, 50)
    return Image.fromarray(rgb.astype(np.uint8))


@pytest.fixture(scope="module")
def ring(tmp_path_factory) -> Keyring:
    """An installation with a fixed key, so the certificate, and so the QR code, is the same every run."""
    ring = Keyring(tmp_path_factory.mktemp("data"))
    ring.key_dir.mkdir(mode=0o700)
    ring.key_path.write_bytes(Ed25519PrivateKey.from_private_bytes(bytes(range(100, 132))).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return ring


@pytest.fixture(scope="module")
def cert_text(ring) -> str:
    return issue(ring, scene="gulangyu", scene_name=GULANGYU, session="5e551017", stamps=STAMPS, badges=BADGES,
                 collectibles=COLLECTIBLES, score=245, issued=VISIT_DAY)


def render(cert_text, out: Path, lang="zh", **changes) -> Path:
    fields = dict(scene_name=GULANGYU, stamps=STAMPS, badges=BADGES, collectibles=COLLECTIBLES, date=VISIT_DAY,
                  lang=lang, out=out, score=245, key_id="1a2b3c4d")
    fields.update(changes)
    return render_postcard(gradient_view(), cert_text, **fields)


@pytest.fixture(scope="module")
def postcards(cert_text, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("cards")
    return {lang: render(cert_text, folder / f"card-{lang}.png", lang) for lang in ("zh", "en")}


def test_postcard_qr_decodes_with_opencv_to_exactly_the_certificate(postcards, cert_text):
    for lang, path in postcards.items():
        image = cv2.imread(str(path))
        assert image.shape[:2] == (CARD_SIZE[1], CARD_SIZE[0])
        text, points, _ = cv2.QRCodeDetector().detectAndDecode(image)
        assert text == cert_text, lang
        assert read_certificate_from_png(path) == cert_text


def test_postcard_qr_reads_after_phone_like_degradation(postcards, cert_text, tmp_path):
    """Downscaled to 70% and back up (the blur of a phone photo or a messenger's recompression),
    and saved as a JPEG at quality 60."""
    gray = cv2.imread(str(postcards["zh"]), cv2.IMREAD_GRAYSCALE)
    small = cv2.resize(gray, None, fx=0.7, fy=0.7, interpolation=cv2.INTER_AREA)
    back = cv2.resize(small, (gray.shape[1], gray.shape[0]), interpolation=cv2.INTER_LINEAR)
    cv2.imwrite(str(tmp_path / "resized.png"), back)
    assert read_certificate_from_png(tmp_path / "resized.png") == cert_text
    cv2.imwrite(str(tmp_path / "photo.jpg"), cv2.imread(str(postcards["en"])), [cv2.IMWRITE_JPEG_QUALITY, 60])
    assert read_certificate_from_png(tmp_path / "photo.jpg") == cert_text


def test_qr_code_is_crisp_with_quiet_zone_and_large_modules(postcards, cert_text):
    qr = certificate_qr(cert_text)
    module = module_px_for(qr)
    modules = qr.symbol_size(scale=1, border=0)[0]
    side = (modules + 2 * QUIET_ZONE) * module
    assert module >= MIN_MODULE_PX and qr.error in ("M", "Q", "H")
    # the postcard may use any of the eight data masks (the one OpenCV reads back best)
    symbols = [np.asarray(qr_image(certificate_qr(cert_text, mask), module)) for mask in range(8)]
    assert all(symbol.shape == (side, side) for symbol in symbols)
    for lang, path in postcards.items():
        card = np.asarray(Image.open(path).convert("L"))
        # matchTemplate finds the place; it sums in float32, so even a perfect match scores ~500, and
        # the exact comparison is done after
        best = min((cv2.minMaxLoc(cv2.matchTemplate(card, symbol, cv2.TM_SQDIFF))[::2] + (symbol,)
                    for symbol in symbols), key=lambda found: found[0])
        _, (x, y), symbol = best
        assert x >= CARD_SIZE[0] - side - 40 and y >= CARD_SIZE[1] - side - 40, "in the bottom-right corner"
        assert np.array_equal(card[y:y + side, x:x + side], symbol), \
            f"{lang}: the QR code and its white quiet zone appear pixel for pixel, with no blur"


def test_chinese_renders_with_the_ui_font():
    """Distinct glyphs for distinct characters: a missing glyph would draw the same box for all."""
    from PIL import ImageFont
    font = ImageFont.truetype(str(FONT_PATH), 40)
    masks = {ch: bytes(font.getmask(ch)) for ch in "鼓浪屿印章徽扫码验证✓"}
    assert len(set(masks.values())) == len(masks)
    assert all(any(mask) for mask in masks.values())


def test_every_label_character_is_in_the_font():
    from fontTools.ttLib import TTFont
    cmap = TTFont(FONT_PATH).getBestCmap()
    texts = [v for label in LABELS.values() for value in label.values()
             for v in (value if isinstance(value, tuple) else (value,))]
    texts += ["✓", "→", "…", "年月日", "0123456789"]
    missing = {ch for text in texts for ch in text if not ch.isspace() and ord(ch) not in cmap}
    assert not missing, f"characters the UI font lacks: {''.join(sorted(missing))}"


def test_chinese_and_english_postcards_differ_only_in_the_texts(postcards):
    zh = np.asarray(Image.open(postcards["zh"]).convert("L")).astype(int)
    en = np.asarray(Image.open(postcards["en"]).convert("L")).astype(int)
    panel = slice(VIEW_WIDTH, None)
    assert np.abs(zh[:400, panel] - en[:400, panel]).mean() > 2, "the lists are in the visitor's language"
    caption = (slice(560, 700), slice(30, 300))  # the scene's Chinese name: the same on both
    assert np.array_equal(zh[caption], en[caption])
    name = zh[caption]
    assert (name > 235).sum() > 800, "the white Chinese scene name is drawn over the view"


def test_many_stamps_and_no_badges_still_fit(cert_text, tmp_path):
    many = [{"id": f"s{i}", "name": {"zh": f"第{i}站", "en": f"Stop number {i} with a long name"}}
            for i in range(40)]
    path = render(cert_text, tmp_path / "many.png", "en", stamps=many, badges=[], collectibles=None,
                  score=None, key_id=None)
    assert Image.open(path).size == CARD_SIZE
    assert read_certificate_from_png(path) == cert_text


def test_written_atomically_and_replaces_the_old_file(cert_text, tmp_path):
    out = tmp_path / "souvenirs" / "card.png"
    render(cert_text, out)
    first = out.read_bytes()
    render(cert_text, out, "en")
    assert out.read_bytes() != first
    assert [p.name for p in out.parent.iterdir()] == ["card.png"], "no temporary files left behind"
    with pytest.raises(ValueError, match="too long"):
        render("LUDAO1:" + "A" * 2500 + "." + "B" * 103, out)
    assert [p.name for p in out.parent.iterdir()] == ["card.png"]
    assert read_certificate_from_png(out) == cert_text, "a failed render leaves the old postcard whole"


def test_view_from_a_png_path_is_cropped_to_cover(cert_text, tmp_path):
    tall = tmp_path / "tall.png"
    Image.new("RGB", (300, 1200), (200, 30, 30)).save(tall)
    path = render_postcard(tall, cert_text, scene_name=GULANGYU, stamps=STAMPS[:3], badges=BADGES[:1],
                           date=VISIT_DAY, lang="zh", out=tmp_path / "tall-card.png")
    pixels = np.asarray(Image.open(path).convert("RGB"))
    assert tuple(pixels[300, 100]) == (200, 30, 30) and tuple(pixels[300, VIEW_WIDTH - 5]) == (200, 30, 30)
    assert read_certificate_from_png(path) == cert_text


def test_unknown_language_is_refused(cert_text, tmp_path):
    with pytest.raises(ValueError, match="lang"):
        render(cert_text, tmp_path / "x.png", "fr")


def test_a_gulangyu_visit_from_the_game_content(ring, tmp_path):
    """The objects the game hands over (Checkin, Badge, Collectible; the scene's Text name) go to
    issue and render_postcard as they are, and the postcard verifies."""
    from engine.game.loader import load_game
    from engine.manifest.scene_loader import load_scene
    from engine.settings import PROJECT_ROOT
    from engine.souvenir.verify_file import verify_file
    scenes = PROJECT_ROOT / "scenes"
    scene, _ = load_scene(scenes / "gulangyu" / "scene.yaml")
    game, _ = load_game(scenes / "gulangyu" / "game.yaml", scenes)
    stamps, badges, found = game.checkins[:10], game.badges[:3], game.collectibles
    text = issue(ring, scene=scene.id, scene_name=scene.name, session="0badcafe", stamps=stamps, badges=badges,
                 collectibles=found, score=415, issued=VISIT_DAY)
    card = render_postcard(gradient_view(), text, scene_name=scene.name, stamps=stamps, badges=badges,
                           collectibles=found, date=VISIT_DAY, lang="en", out=tmp_path / "gulangyu.png", score=415,
                           key_id=ring.public_key_id)
    result = verify_file(card, ring)
    assert result.genuine and result.certificate.stamps == tuple(c.id for c in stamps)
    assert result.certificate.scene_name == {"zh": "鼓浪屿", "en": "Gulangyu"}


def test_a_postcard_with_a_verification_page_holds_the_link_and_reads_back_the_certificate(cert_text, tmp_path):
    url = "https://museum.example.org/ludao/gulangyu/verify.html"
    path = render(cert_text, tmp_path / "linked.png", verify_url=url)
    text, _, _ = cv2.QRCodeDetector().detectAndDecode(cv2.imread(str(path)))
    assert text == f"{url}#{cert_text}"  # a phone's camera opens the page, the certificate as its fragment
    assert read_certificate_from_png(path) == cert_text  # `visitors verify postcard.png` reads it as before
    linked, alone = certificate_qr(text), certificate_qr(cert_text)
    assert linked.version <= alone.version + 1  # the address in byte mode, the certificate still alphanumeric


def test_a_qr_text_is_read_as_a_certificate_only_where_it_holds_one():
    assert certificate_in("LUDAO1:ABC.DEF") == "LUDAO1:ABC.DEF"
    assert certificate_in("https://a.example/v.html#LUDAO1:ABC.DEF") == "LUDAO1:ABC.DEF"
    assert certificate_in("https://a.example/v.html#top") is None
    assert certificate_in("https://a.example/LUDAO1:ABC") is None
