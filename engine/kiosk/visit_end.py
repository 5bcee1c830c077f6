"""The end of a visit at the kiosk, after the visitor taps "Finish": the view they ended on becomes
their postcard (signed certificate, QR code), shown with the score and the passport; they may print
it (one print a visit, to the CUPS queue of kiosk.yaml) and take a name for the leaderboard.

Nothing here can stop the kiosk: a postcard that cannot be written (a full disk, a broken key file)
is logged and the screen says there is none; a printer that fails says so in the visitor's words; a
refused name says why. The postcard is drawn and printing runs on a worker thread (PIL and the QR
code take a second or two; `lp` may wait on CUPS for seconds): the frame loop never waits, and
`tick()` picks up their answers."""
from __future__ import annotations

import logging
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from PIL import Image

from engine.kiosk.nicknames import suggested_names
from engine.service.heartbeat import busy
from engine.settings import Settings
from engine.store.background import settle
from engine.ui.nickname_picker import NicknamePicker
from engine.ui.passport import Passport
from engine.ui.visit_end import VisitEndScreen, VisitSummary

log = logging.getLogger("ludao.kiosk")
STORE_ALLOWANCE_S = 10  # the store may wait on a lock for 5 s
REFUSED = {  # engine.store NicknameRefused codes, in the visitor's words
    "empty": {"zh": "请至少输入一个字母。", "en": "Type at least one letter."},
    "too_long": {"zh": "名字太长了，最多 16 个字符。", "en": "That name is too long: 16 characters at most."},
    "invisible_character": {"zh": "请只用字母、数字和空格。", "en": "Use letters, digits and spaces only."},
    "blocked_word": {"zh": "这个名字不能使用，请换一个。", "en": "That name is not allowed; please choose another."},
    "store": {"zh": "现在无法保存名字，请稍后再试。", "en": "The name could not be saved just now."},
}


def souvenir_folder(settings: Settings, session_id: str) -> Path:
    """Where a kiosk visit's postcard and certificate are kept: DATA/souvenirs/<visit>."""
    return settings.data_dir / "souvenirs" / session_id[:8]


class VisitEnd:
    def __init__(self, display, aspect: float, settings: Settings, *, session, events: list, printer, lines,
                 on_done, verify_url: str | None = None):
        """session: the visit's PlaySession, still open (its view is the postcard's picture);
        events: the event overlays on; printer: kiosk.yaml's `printer` or None; verify_url: its
        `verify_url`, the page the postcard's QR code opens."""
        self.display, self.aspect, self.settings = display, aspect, settings
        self.printer, self.lines, self.verify_url = printer, lines, verify_url
        self.lang = session.lang
        link = session.game
        self.game = link.game if link is not None else None  # the GameSession: progress, store, session
        self.scene_name = session.view.built.manifest.name
        self.passport = self.picker = None
        self.postcard: Path | None = None
        self.printing: Future | None = None
        self.print_asked = False  # "Print" tapped before the postcard was ready: it prints when it is
        # The card is drawn, signed and written on a worker (a second or two of PIL, QR and disk); the
        # picture of the view is taken here, on the frame thread that owns the GL context.
        self._worker = ThreadPoolExecutor(1, thread_name_prefix="ludao-souvenir")
        self.writing: Future | None = None
        if self.game is not None:
            picture = Image.fromarray(display.view_picture())
            self.writing = self._worker.submit(self._write_postcard, picture, list(events))
        self.screen = VisitEndScreen(display.overlay, aspect, self.lang, self._summary(),
                                     printing=printer is not None and self.game is not None,
                                     preparing=self.writing is not None, on_passport=self.open_passport,
                                     on_print=self.print_postcard, on_leaderboard=self.open_picker, on_done=on_done)
        if self.game is None:
            self.screen.buttons.pop("leaderboard").destroy()
            self.screen.buttons.pop("passport").destroy()

    # --- the postcard --------------------------------------------------------------------------
    def _write_postcard(self, picture: Image.Image, events: list) -> Path | None:
        """On the worker: the certificate and the card (the visit is closed: nothing changes under it)."""
        from engine.souvenir.keys import KeyringError
        from engine.visit import write_souvenir
        folder = souvenir_folder(self.settings, self.game.session.id)
        try:
            postcard, _ = write_souvenir(self.settings, self.game, events, folder, picture, self.lang,
                                         verify_url=self.verify_url)
        except (OSError, ValueError, KeyringError) as exc:  # a full disk, a broken key file, a long certificate
            log.warning("the visit's postcard could not be written in %s: %s", folder, exc)
            return None
        return postcard

    def _postcard_ready(self) -> None:
        try:
            self.postcard = self.writing.result()
        except Exception:  # a bug of ours on the worker: no postcard, the kiosk goes on
            log.exception("writing the postcard failed")
            self.postcard = None
        self.writing = None
        self.screen.show_postcard(self.postcard)
        if self.postcard is not None:
            self.lines.write("kiosk", "postcard", str(self.postcard))
            if self.print_asked:
                self._send_to_printer()
        else:
            self.lines.write("kiosk", "no_postcard")

    def _summary(self) -> VisitSummary:
        name = {"zh": self.scene_name.zh, "en": self.scene_name.en}
        if self.game is None:
            return VisitSummary(name)
        settle(self.game.store)  # the last gains are on the store's thread: counted once saved
        progress, content = self.game.progress, self.game.game
        badges = [{"zh": b.name.zh, "en": b.name.en} for b in content.badges if b.id in progress.badges]
        return VisitSummary(name, progress.score, (len(progress.stamps), len(content.checkins)), badges)

    # --- the buttons -----------------------------------------------------------------------------
    def open_passport(self) -> None:
        if self.game is None:
            return
        if self.passport is None:
            self.passport = Passport(self.display.overlay, self.game.game, self.scene_name, self.lang)
        from engine.store import StoreError
        store = self.game.store
        try:
            best = store.leaderboard("scene", self.game.scene.id, limit=5) if store is not None else []
        except StoreError as exc:  # a locked database: the passport without the board
            log.warning("the leaderboard could not be read: %s", exc)
            best = []
        self.passport.show(self.game.progress, best)  # settled: the end screen's summary waited for the store
        self.lines.write("kiosk", "passport")

    def print_postcard(self) -> None:
        """One print a visit: the button goes while the job is sent, its answer is said when it comes."""
        button = self.screen.buttons.pop("print", None)
        if button is None or self.printer is None:
            return
        button.destroy()
        if self.writing is not None:  # still being drawn: it goes to the printer when ready
            self.print_asked = True
        else:
            self._send_to_printer()

    def _send_to_printer(self) -> None:
        from engine.souvenir.printing import print_postcard
        self.printing = self._worker.submit(print_postcard, self.postcard, self.printer.queue,
                                            copies=self.printer.copies)
        self.lines.write("kiosk", "print", self.printer.queue)

    def open_picker(self) -> None:
        if self.game is None or self.picker is not None:
            return
        self.picker = NicknamePicker(self.display.overlay, self.aspect, self.lang,
                                     suggested_names(self.game.session.id), on_pick=self.take_name,
                                     on_cancel=self.close_picker)

    def take_name(self, raw: str) -> str | None:
        """Put the visit on the leaderboards as `raw`; None when taken, else what to tell the visitor."""
        from engine.store import NicknameRefused, StoreError
        store, session_id = self.game.store, self.game.session.id
        try:
            with busy(STORE_ALLOWANCE_S):
                shown = store.set_nickname(session_id, raw)
                store.submit_to_leaderboard(session_id)
        except NicknameRefused as exc:
            self.lines.write("kiosk", "name_refused", exc.code)
            return REFUSED.get(exc.code, REFUSED["blocked_word"])[self.lang]
        except StoreError as exc:  # a locked or full database: the visit's progress is saved already
            log.warning("the nickname could not be saved: %s", exc)
            return REFUSED["store"][self.lang]
        self.close_picker()
        self.screen.named(shown)
        self.lines.write("kiosk", "named", shown)
        return None

    def close_picker(self) -> None:
        if self.picker is not None:
            self.picker.destroy()
            self.picker = None

    # --- every frame -------------------------------------------------------------------------------
    def tick(self) -> None:
        from engine.souvenir.printing import PrintResult
        if self.writing is not None and self.writing.done():
            self._postcard_ready()
        if self.printing is not None and self.printing.done():
            try:
                result = self.printing.result()
            except Exception:  # a bug of ours on the worker: the visitor hears "not now", the log has why
                log.exception("printing the postcard failed")
                result = PrintResult(False, None, "printing raised")
            self.printing = None
            self.screen.say(result.message(self.lang))
            self.lines.write("kiosk", "printed" if result.ok else "print_failed", result.job or "")
            if not result.ok:
                log.warning("the postcard was not printed: %s", result.reason)

    def destroy(self) -> None:
        self.close_picker()
        if self.passport is not None:
            self.passport.hide()
        self.screen.destroy()
        self._worker.shutdown(wait=False)  # a card being written is finished; a job sent to CUPS prints anyway
