"""A store that writes on a thread of its own: for a frame loop that must never wait on a disk
(a VR headset drops frames, and makes its wearer sick, when one is late).

The thread opens the store and is the only one to touch it (sqlite3's rule). Writes (record_*,
add_score, touch) are queued and return at once: they answer True, "new", since the visit's game
already decided from its own progress that it is new. Everything else (start_session, resume,
progress, leaderboard, set_nickname, ...) waits for its answer, so errors reach the caller as
before; those happen when a visit starts or a panel opens, not every frame. A write that fails is
logged and kept in `failures`. `close()` writes what is queued, then closes the store.

`submit(work)` runs a whole piece of work on the writer's thread and answers with a Future: a visit's
game handles its events there (engine.play.game_link), so a gain is committed before it is shown and
the frame loop never waits for the commit. What that work calls on this store from the writer's own
thread runs at once on the real store, writes included, and answers truly.
"""
from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future

from engine.store.store import Store

LOG = logging.getLogger("ludao.store")
WRITES = frozenset({"record_stamp", "record_collectible", "record_badge", "record_challenge", "record_gain",
                    "record_answer", "record_stat", "add_score", "touch"})


class BackgroundStore:
    def __init__(self, open_store: Callable[[], Store], *, writes: frozenset[str] = WRITES):
        self._writes = writes
        self._jobs: queue.Queue = queue.Queue()
        self.failures: list[Exception] = []
        opened: Future = Future()
        self._thread = threading.Thread(target=self._work, args=(open_store, opened), name="ludao-store-writer",
                                        daemon=True)
        self._thread.start()
        opened.result()  # the store's own errors (a damaged file, a newer schema) reach the caller here
        self._closed = False

    @property
    def thread_id(self) -> int | None:
        return self._thread.ident

    def _work(self, open_store: Callable[[], Store], opened: Future) -> None:
        try:
            store = open_store()
        except BaseException as exc:
            opened.set_exception(exc)
            return
        self._store = store
        opened.set_result(None)
        while True:
            job = self._jobs.get()
            if job is None:
                store.close()
                return
            action, answer = job
            try:
                result = action(store)
            except Exception as exc:
                if answer is not None:
                    answer.set_exception(exc)
                else:
                    LOG.error("a database write failed (the visit goes on): %s", exc)
                    self.failures.append(exc)
            else:
                if answer is not None:
                    answer.set_result(result)

    def _on_writer(self) -> bool:
        return threading.get_ident() == self._thread.ident

    def call(self, action: Callable[[Store], object]) -> object:
        """Run `action(store)` on the writer's thread after what is queued; wait for its answer."""
        if self._on_writer():
            return action(self._store)
        return self.submit(lambda: action(self._store)).result()

    def submit(self, work: Callable[[], object]) -> Future:
        """Queue `work()` to run on the writer's thread; its answer (or error) comes in the Future."""
        if self._closed:
            raise RuntimeError("the background store is closed")
        answer: Future = Future()
        self._jobs.put((lambda store: work(), answer))
        return answer

    def write(self, action: Callable[[Store], object]) -> None:
        """Queue `action(store)`; return at once."""
        if self._closed:
            raise RuntimeError("the background store is closed")
        self._jobs.put((action, None))

    def flush(self) -> None:
        """Wait until every queued write is done."""
        self.call(lambda store: None)

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        if not callable(getattr(Store, name, None)):  # a plain attribute (path, kiosk_id)
            return self.call(lambda store: getattr(store, name))
        if name in self._writes and not self._on_writer():
            def queued(*args, **kwargs):
                self.write(lambda store: getattr(store, name)(*args, **kwargs))
                return True
            return queued
        return lambda *args, **kwargs: self.call(lambda store: getattr(store, name)(*args, **kwargs))

    def close(self) -> None:
        if self._on_writer():
            raise RuntimeError("the background store cannot close itself from its own thread")
        if self._closed:
            return
        self._closed = True
        self._jobs.put(None)
        self._thread.join()


def settle(store) -> None:
    """Wait until a background store has done everything queued (a plain Store: nothing to wait for)."""
    if isinstance(store, BackgroundStore):
        store.flush()
