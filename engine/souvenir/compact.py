"""The wire encoding of a certificate: raw DEFLATE with a frozen preset dictionary, then Base32.

Base32 (RFC 4648, upper case, no padding) keeps the whole certificate inside the QR code's
alphanumeric character set (0-9 A-Z and ``$%*+-./:`` and space), which packs 5.5 bits a character
instead of the 8 of byte mode: a certificate of 10 stamps, 3 badges and 3 collectibles fits a
version-12 symbol at error correction M. Base32 has no ambiguous or URL-unsafe characters either,
so the text survives copy-and-paste, file names and e-mail.

The preset dictionary holds the JSON skeleton and the ids and names of Ludao's content when format
1 was frozen, so the ids a certificate usually carries compress to a few bits each. Ids that came
later still work; they just compress less. The dictionary is part of format 1: changing one byte
of it makes every issued certificate unreadable, so it never changes (a test pins its hash); a new
dictionary means a new format version.
"""
from __future__ import annotations

import base64
import binascii
import re
import zlib

MAX_INFLATED = 16 * 1024  # bytes of JSON; a certificate is a few hundred
_BASE32 = re.compile(r"[A-Z2-7]*")

# Least likely first: DEFLATE reaches the end of the dictionary with the shortest distances.
_DICTIONARY_V1_TEXT = (
    "first,quick,early,night,perfect,master,explorer,collector,challenge,quiz,right,streak,complete,"
    "visitor,runner,medal,trophy,ticket,lantern,mooncake,tea,fan,boat,ferry,shell,pearl,coral,feather,"
    "egret,bougainvillea,phoenix_tree,banyan,golden_rooster,marathon,film,star,piano,organ,bell,key,"
    "yundang,筼筜湖,Yundang Lake,yundang_lake,bailuzhou_park,egret_goddess,golden_rooster_2020,"
    "egret_island,west_dike_gates,bird_corridor,haiwan_park,yundang_inner_lake,stamp_yundang_lake,"
    "stamp_bailuzhou_park,stamp_egret_goddess,stamp_golden_rooster,stamp_egret_island,"
    "stamp_west_dike_gates,stamp_bird_corridor,stamp_haiwan_park,stamp_inner_lake,egret_feather,"
    "film_reel,binoculars,found_egret_feather,found_film_reel,found_binoculars,"
    "shapowei,沙坡尾,Shapowei,typhoon_shelter,art_west_zone,chaozong_palace,shimao_plaza,yanwu_bridge,"
    "xiamen_university,nanputuo_temple,baicheng_beach,wulao_peak,stamp_typhoon_shelter,"
    "stamp_art_west_zone,stamp_chaozong_palace,stamp_shimao_plaza,stamp_yanwu_bridge,"
    "stamp_xiamen_university,stamp_nanputuo_temple,stamp_baicheng_beach,stamp_wulao_peak,"
    "fishing_float,skateboard,marathon_medal,found_fishing_float,found_skateboard,found_marathon_medal,"
    "gulangyu,鼓浪屿,Gulangyu,sunlight_rock_summit,zheng_chenggong_memorial,shuzhuang_garden,"
    "piano_museum,gangzaihou_beach,haoyue_garden,bagua_lou,catholic_church,trinity_church,"
    "sanqiutian_pier,neicuoao_pier,stamp_sunlight_rock,stamp_memorial_hall,stamp_shuzhuang_garden,"
    "stamp_piano_museum,stamp_gangzaihou_beach,stamp_haoyue_garden,stamp_bagua_lou,"
    "stamp_catholic_church,stamp_trinity_church,stamp_sanqiutian_pier,stamp_neicuoao_pier,"
    "music_score,seashell,organ_pipe,found_music_score,found_seashell,found_organ_pipe,"
    "high_score,three_in_a_row,all_stamps,"
    '{"b":["all_stamps","found_","three_in_a_row","high_score"],"c":["","d":"2026-01-","d":"2025-12-",'
    '"d":"2027-","n":{"en":"","zh":""},"p":0,"p":1,"s":"","t":["stamp_","stamp_","u":"'
)
DICTIONARY_V1 = _DICTIONARY_V1_TEXT.encode("utf-8")


class EncodingError(ValueError):
    """The text is not a valid encoding (bad character, wrong length, does not inflate)."""


def b32encode(data: bytes) -> str:
    return base64.b32encode(data).decode("ascii").rstrip("=")


def b32decode(text: str) -> bytes:
    """Strict: upper-case alphabet only, and the only encoding of its bytes (no stray low bits)."""
    if not _BASE32.fullmatch(text):
        bad = next(ch for ch in text if not ("A" <= ch <= "Z" or "2" <= ch <= "7"))
        raise EncodingError(f"the character {bad!r} is not Base32")
    if len(text) % 8 in (1, 3, 6):
        raise EncodingError(f"{len(text)} characters cannot be Base32")
    try:
        data = base64.b32decode(text + "=" * (-len(text) % 8))
    except binascii.Error as exc:
        raise EncodingError(f"not Base32 ({exc})") from None
    if b32encode(data) != text:  # the last character's unused bits were not zero
        raise EncodingError("the Base32 text was changed (its last character has stray bits)")
    return data


def deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15, 9, zlib.Z_DEFAULT_STRATEGY, zdict=DICTIONARY_V1)
    return packer.compress(data) + packer.flush()


def inflate(data: bytes, limit: int = MAX_INFLATED) -> bytes:
    unpacker = zlib.decompressobj(-15, zdict=DICTIONARY_V1)
    try:
        out = unpacker.decompress(data, limit)
    except zlib.error as exc:
        raise EncodingError(f"the compressed content is damaged ({exc})") from None
    if unpacker.unconsumed_tail:
        raise EncodingError(f"the content is larger than {limit} bytes")
    if not unpacker.eof:
        raise EncodingError("the compressed content is cut short")
    if unpacker.unused_data:
        raise EncodingError("there are stray bytes after the compressed content")
    return out
