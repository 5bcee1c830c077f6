"""A souvenir of a visit during an event: the signed certificate names the event, the postcard
wears the event's frame; on an ordinary day the certificate is exactly as it always was."""
from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from PIL import Image

from engine.souvenir.certificate import MalformedCertificate, decode, issue
from engine.souvenir.keys import Keyring
from engine.souvenir.postcard import FRAME_PX, render_postcard

FIELDS = dict(scene="shapowei", scene_name={"zh": "沙坡尾", "en": "Shapowei"}, session="683ed0e4",
              stamps=["stamp_yanwu_bridge"], badges=[], collectibles=[], score=10, issued=date(2027, 1, 3))


def test_the_certificate_names_the_event_and_an_ordinary_one_is_unchanged(tmp_path):
    ring = Keyring(tmp_path)
    plain = issue(ring, **FIELDS)
    during = issue(ring, **FIELDS, events=["xiamen_marathon"])
    assert decode(during).certificate.events == ("xiamen_marathon",)
    assert "during xiamen_marathon" in decode(during).certificate.summary()
    assert decode(plain).certificate.events == ()
    assert '"e"' not in decode(plain).certificate.payload().__repr__().replace("'", '"')
    assert issue(ring, **FIELDS, events=[]) == plain  # no events: the very same text as before events existed
    with pytest.raises(ValueError):
        issue(ring, **FIELDS, events=["Not An Id"])


def test_an_empty_events_field_is_not_a_second_text_of_the_same_certificate(tmp_path):
    from engine.souvenir.certificate import Certificate, encode, signed_bytes
    ring = Keyring(tmp_path)
    cert = decode(issue(ring, **FIELDS)).certificate

    class WithEmpty(Certificate):
        def payload(self):
            return {**super().payload(), "e": []}

    forged = WithEmpty(**{f: getattr(cert, f) for f in cert.__dataclass_fields__})
    text = encode(forged, ring.sign(signed_bytes(forged)))
    with pytest.raises(MalformedCertificate):
        decode(text)


def test_the_postcard_wears_the_events_frame(tmp_path):
    ring = Keyring(tmp_path)
    text = issue(ring, **FIELDS, events=["xiamen_marathon"])
    view = Image.new("RGB", (800, 600), (40, 120, 160))
    framed = render_postcard(view, text, scene_name=FIELDS["scene_name"], stamps=[], badges=[], date=FIELDS["issued"],
                             lang="en", out=tmp_path / "framed.png",
                             frame={"colour": "#d2232a", "title": {"zh": "厦门马拉松", "en": "Xiamen Marathon"}})
    plain = render_postcard(view, text, scene_name=FIELDS["scene_name"], stamps=[], badges=[], date=FIELDS["issued"],
                            lang="en", out=tmp_path / "plain.png")
    a, b = np.asarray(Image.open(framed)), np.asarray(Image.open(plain))
    border = a[FRAME_PX // 2, :200]
    assert (np.abs(border.astype(int) - (0xd2, 0x23, 0x2a)).sum(axis=1) < 10).mean() > 0.9
    assert not (a == b).all()
