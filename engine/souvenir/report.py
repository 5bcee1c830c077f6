"""What `souvenir verify` shows beside its verdict: every field the certificate itself holds, and
the warning that a postcard's printed part is not signed, so a reader compares the two."""
from __future__ import annotations

from engine.souvenir.certificate import Certificate, VerifyResult

UNSIGNED_NOTE = ("Only the fields above are signed. A postcard's picture and printed text are not covered by "
                 "the signature: compare the printed card with this list; whatever it shows that is not here "
                 "is not part of the souvenir.")


def signed_fields(cert: Certificate) -> list[tuple[str, str]]:
    """(label, value) for each field of the certificate, in the order a reader checks a card."""
    ids = lambda items: ", ".join(items) if items else "none"  # noqa: E731
    return [
        ("scene", f"{cert.scene} ({cert.scene_name['en']} / {cert.scene_name['zh']})"),
        ("date", cert.issued.isoformat()),
        (f"stamps ({len(cert.stamps)})", ids(cert.stamps)),
        (f"badges ({len(cert.badges)})", ids(cert.badges)),
        (f"finds ({len(cert.collectibles)})", ids(cert.collectibles)),
        ("score", str(cert.score)),
        ("session", cert.session),
        ("key id", cert.key_id),
    ] + ([("events", ids(cert.events))] if cert.events else [])


def report_lines(result: VerifyResult) -> list[str]:
    """The verdict line (unchanged: scripts parse it), then the signed fields and the note when the
    signature holds and the content could be read."""
    lines = [result.message]
    if result.certificate is not None:
        fields = signed_fields(result.certificate)
        width = max(len(label) for label, _ in fields)
        lines += [f"  {label.ljust(width)}  {value}" for label, value in fields]
        lines.append(UNSIGNED_NOTE)
    return lines
