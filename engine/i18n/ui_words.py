"""The interface's own words (not the content's), in both languages: one table for the kiosk's
widgets and the published web pages, so a button is called the same on the screen and on the page.

A word with `{name}` fields is formatted where it is used. The web pages receive the table (or the
part they use) as JSON inside the page (engine.publish.page); they never carry words of their own."""
from __future__ import annotations

LANGS = ("zh", "en")

# Said by the kiosk's widgets and the web page alike.
SHARED = {
    "close": {"zh": "关闭", "en": "Close"},
    "switch_language": {"zh": "English", "en": "中文"},  # a button names the language it switches to
    "orbit": {"zh": "环绕", "en": "Orbit"},
    "walk": {"zh": "步行", "en": "Walk"},
    "score": {"zh": "得分", "en": "Score"},
    "badges": {"zh": "徽章", "en": "Badges"},
}

# The published scene's page (web/viewer).
VIEWER = {
    "loading": {"zh": "正在加载", "en": "Loading"},
    "views": {"zh": "视点", "en": "Viewpoints"},
    "tours": {"zh": "导览", "en": "Tours"},
    "stop": {"zh": "停止导览", "en": "Stop the tour"},
    "credits": {"zh": "数据来源", "en": "Credits"},
    "hotspots": {"zh": "景点", "en": "Places"},
    "switch_label": {"zh": "Switch to English", "en": "切换到中文"},  # said in the language switched to
    "failed": {"zh": "场景无法加载", "en": "The scene could not be loaded"},
    "check_souvenir": {"zh": "验证纪念品", "en": "Check a souvenir"},
    "choose_answer": {"zh": "请选择答案", "en": "Choose an answer"},
    "time_left": {"zh": "还剩 {s} 秒", "en": "{s} s left"},
    "walk_ahead": {"zh": "向前走", "en": "Walk ahead"},
    "enter_vr": {"zh": "进入 VR", "en": "Enter VR"},
    "vr_failed": {"zh": "无法进入 VR", "en": "VR could not start"},
}

# The souvenir verification page (web/verify), where a postcard's QR code leads.
VERIFY = {
    "verify_title": {"zh": "纪念品验证", "en": "Souvenir check"},
    "verify_intro": {"zh": "扫描明信片上的二维码即可打开本页；也可以把证书文字粘贴到下面。",
                     "en": "Scanning a postcard's QR code opens this page; you can also paste a certificate's text below."},
    "certificate": {"zh": "证书文字", "en": "Certificate text"},
    "check": {"zh": "验证", "en": "Check"},
    "genuine": {"zh": "真品：由本馆的设备 {key} 签发", "en": "Genuine: issued by this site's installation {key}"},
    "untrusted": {"zh": "签名有效，但签发设备 {key} 不在本馆的名单上",
                  "en": "The signature is valid, but installation {key} is not one this site lists"},
    "forged": {"zh": "伪造或被改动：签名与内容不符", "en": "Forged or altered: the signature does not match the content"},
    "malformed": {"zh": "无法读取：这不是一份完整的鹭岛证书", "en": "Unreadable: this is not a whole Ludao certificate"},
    "no_crypto": {"zh": "这个浏览器无法验证签名，请换用较新的浏览器。",
                  "en": "This browser cannot check signatures; please use a current browser."},
    "no_keys": {"zh": "本页还没有任何设备的公钥，无法确认真伪。",
                "en": "This page lists no installation's key yet, so it cannot confirm a souvenir."},
    "scene": {"zh": "景点", "en": "Place"},
    "issued": {"zh": "签发日期", "en": "Issued"},
    "stamps": {"zh": "印章", "en": "Stamps"},
    "collectibles": {"zh": "收集品", "en": "Collectibles"},
    "events": {"zh": "活动", "en": "Events"},
    "installation": {"zh": "签发设备", "en": "Installation"},
    "back_to_scene": {"zh": "返回场景", "en": "Back to the scene"},
}


def words(*tables: dict) -> dict[str, dict[str, str]]:
    """{lang: {key: word}} of the tables given, as a page reads them."""
    return {lang: {key: word[lang] for table in tables for key, word in table.items()} for lang in LANGS}
