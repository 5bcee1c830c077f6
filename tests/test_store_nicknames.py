"""Leaderboard nicknames: normalised, short, nothing invisible, nothing from the zh/en blocklist."""
from __future__ import annotations

import pytest

from engine.store import NicknameRefused
from engine.store.nickname import MAX_LENGTH, Blocklist, default_blocklist, normalise_nickname


def refused(raw: str) -> str:
    with pytest.raises(NicknameRefused) as info:
        normalise_nickname(raw)
    assert info.value.reason == str(info.value) and info.value.reason
    return info.value.code


@pytest.mark.parametrize("raw, shown", [
    ("Li Wei", "Li Wei"),
    ("小明", "小明"),
    ("鹭岛小白鹭", "鹭岛小白鹭"),
    ("  Ann   Lee  ", "Ann Lee"),
    ("Ｌｉ　Ｗｅｉ", "Li Wei"),                # full-width letters and an ideographic space
    ("Zoe\u0308", "Zoë"),                      # combining diaeresis composed by NFKC
    ("张\u00a0伟", "张 伟"),                    # no-break space is a space
    ("Runner ２０２５", "Runner 2025"),
    ("Egret-fan_7", "Egret-fan_7"),
])
def test_ordinary_nicknames_pass_normalised(raw, shown):
    assert normalise_nickname(raw) == shown


@pytest.mark.parametrize("raw", ["", "   ", "\u3000\u3000"])
def test_empty_is_refused(raw):
    assert refused(raw) == "empty"


def test_length_is_counted_in_code_points_after_normalising():
    assert normalise_nickname("a" * MAX_LENGTH) == "a" * MAX_LENGTH
    assert normalise_nickname("鹭" * MAX_LENGTH) == "鹭" * MAX_LENGTH  # 48 bytes of UTF-8, 16 characters
    assert refused("a" * (MAX_LENGTH + 1)) == "too_long"
    assert refused("鹭" * (MAX_LENGTH + 1)) == "too_long"
    assert normalise_nickname(" " + "b" * MAX_LENGTH + "   ") == "b" * MAX_LENGTH  # spaces around do not count
    # NFKC can lengthen text: U+FDFA is one code point typed but 18 after normalising
    assert refused("\ufdfa") == "too_long"


@pytest.mark.parametrize("raw", [
    "Ann\u202eeL",      # right-to-left override
    "Ann\u200dLee",     # zero-width joiner
    "Ann\u200bLee",     # zero-width space
    "\ufeffAnn",        # byte-order mark
    "Ann\u00adLee",     # soft hyphen
    "Ann\u2066Lee",     # left-to-right isolate
    "Ann\x00Lee",       # NUL
    "Ann\x1b[31m",      # terminal escape
    "Ann\tLee",         # a tab is a control character too
    "Ann\nLee",
    "Ann\ue000",        # private use
    "Ann\ud800",        # a lone surrogate
])
def test_control_and_format_characters_are_refused(raw):
    assert refused(raw) == "invisible_character"


def test_the_reason_names_the_character():
    with pytest.raises(NicknameRefused, match="U\\+202E"):
        normalise_nickname("Ann\u202eeL")


@pytest.mark.parametrize("raw", [
    "fuck", "FUCK", "Fuck you", "f.u.c.k", "f u c k", "f_u_c_k", "ｆｕｃｋ", "Ｆ．Ｕ．Ｃ．Ｋ", "fück",
    "fuсk",              # with a Cyrillic с
    "sh1t", "$hit", "b!tch", "motherfucker", "BigShitHead",
    "ass", "A.S.S.", "my ass", "4ss",
    "傻逼", "傻 逼", "傻B", "傻Ｂ", "你是傻逼吗", "他妈的", "他媽的", "草泥马",
    "SB", "s.b.", "nmsl",
])
def test_blocklisted_words_are_refused(raw):
    assert refused(raw) == "blocked_word"


@pytest.mark.parametrize("raw", [
    "Cassandra", "Glasses", "Bassist", "Class 3", "Assam Tea", "Scott", "Dickens", "Hancock", "Peacock",
    "The Therapist", "Grape", "Spice Girl", "Cocktail", "Sussex", "Japan Fan", "Raccoon", "Pakistan",
    "Cumberland", "Hello Kitty", "Penistone", "Sbeth",
    "体操你好", "今日你好", "节日快乐", "妈妈的宝贝", "过去的日子", "操场小王子",
    "鼓浪屿", "日光岩", "沙坡尾", "小日子", "鬼子母神",
])
def test_ordinary_names_are_not_caught_by_the_blocklist(raw):
    assert normalise_nickname(raw)


def test_numbers_are_not_read_as_leetspeak():
    """'455' would read 'ass' if digits always stood for letters; only words with letters are read so."""
    for n in range(10000):
        assert normalise_nickname(f"Egret fan {n}") == f"Egret fan {n}"


def test_every_shipped_entry_is_refused():
    """Each entry, typed as a nickname (in capitals, spaced out), is caught by the shipped list."""
    blocklist = default_blocklist()
    assert len(blocklist.anywhere) + len(blocklist.whole_words) >= 100
    for entry in sorted(blocklist.anywhere | blocklist.whole_words):
        for typed in (entry, entry.upper(), " ".join(entry)):
            if len(typed) <= MAX_LENGTH:
                with pytest.raises(NicknameRefused):
                    normalise_nickname(typed)


def test_blocklist_syntax():
    blocklist = Blocklist.parse("""
        # a comment
        Bad Word   # trailing comment
        =short
        ＷＩＤＥ
    """)
    assert blocklist.anywhere == {"badword", "wide"}
    assert blocklist.whole_words == {"short"}
    assert blocklist.match("xxBADWORDxx") == "badword"
    assert blocklist.match("a short one") == "short"
    assert blocklist.match("shorter") is None
    assert blocklist.match("s-h-o-r-t") == "short"
    with pytest.raises(ValueError, match="<blocklist>:1"):
        Blocklist.parse("=...")


def test_a_store_can_use_its_own_blocklist(tmp_path):
    from datetime import datetime, timezone
    from engine.store import Store
    with Store(tmp_path / "db.sqlite3", clock=lambda: datetime(2025, 5, 1, tzinfo=timezone.utc),
               blocklist=Blocklist.parse("durian")) as store:
        s = store.start_session("gulangyu", "en")
        assert store.set_nickname(s.id, "fuck") == "fuck"  # only the given list applies
        with pytest.raises(NicknameRefused):
            store.set_nickname(s.id, "Durian Lover")


def test_a_nickname_must_be_text():
    with pytest.raises(TypeError):
        normalise_nickname(None)
