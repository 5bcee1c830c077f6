"""The OpenXR session's lifecycle without a runtime: every state, what the app does on it, the
loss of the session and states that come out of the spec's order."""
from __future__ import annotations

import logging

import pytest

from engine.xr.states import Do, SessionStates


def _walk(states: SessionStates, names: list[str]) -> list[Do]:
    return [states.enter(name) for name in names]


def test_a_whole_session_begins_on_ready_ends_on_stopping_and_quits_on_exiting(caplog):
    seen = []
    states = SessionStates(on_change=seen.append)
    with caplog.at_level(logging.INFO, logger="ludao.xr"):
        actions = _walk(states, ["IDLE", "READY"])
        assert actions == [Do.NOTHING, Do.BEGIN] and states.running and not states.visible
        assert states.enter("SYNCHRONIZED") is Do.NOTHING and states.running and not states.visible
        assert states.enter("VISIBLE") is Do.NOTHING and states.visible and not states.focused
        assert states.enter("FOCUSED") is Do.NOTHING and states.visible and states.focused
        assert _walk(states, ["VISIBLE", "SYNCHRONIZED"]) == [Do.NOTHING, Do.NOTHING]
        assert states.enter("STOPPING") is Do.END and not states.running and not states.over
        assert states.enter("IDLE") is Do.NOTHING and not states.over
        assert states.enter("EXITING") is Do.QUIT and states.over
    assert seen == ["IDLE", "READY", "SYNCHRONIZED", "VISIBLE", "FOCUSED", "VISIBLE", "SYNCHRONIZED", "STOPPING",
                    "IDLE", "EXITING"]
    assert states.history == seen
    logged = [r.getMessage() for r in caplog.records]
    assert "OpenXR session state UNKNOWN -> IDLE" in logged and "OpenXR session state IDLE -> EXITING" in logged


def test_loss_pending_tears_down_and_a_new_session_starts_over():
    states = SessionStates()
    _walk(states, ["IDLE", "READY", "SYNCHRONIZED", "VISIBLE", "FOCUSED"])
    assert states.enter("LOSS_PENDING") is Do.TEAR_DOWN
    assert states.lost and not states.running and not states.over
    states.restarted()
    assert states.state == "UNKNOWN" and not states.lost
    assert _walk(states, ["IDLE", "READY"]) == [Do.NOTHING, Do.BEGIN] and states.running


def test_loss_pending_before_the_session_ran_tears_down_too():
    states = SessionStates()
    assert _walk(states, ["IDLE", "LOSS_PENDING"]) == [Do.NOTHING, Do.TEAR_DOWN]


def test_exiting_while_running_quits():
    states = SessionStates()
    _walk(states, ["IDLE", "READY", "SYNCHRONIZED"])
    assert states.enter("EXITING") is Do.QUIT and states.over and not states.running


def test_states_out_of_order_are_logged_and_never_call_the_runtime_wrongly(caplog):
    states = SessionStates()
    with caplog.at_level(logging.WARNING, logger="ludao.xr"):
        assert states.enter("FOCUSED") is Do.NOTHING  # before READY: nothing is running
        assert not states.focused and not states.visible
        assert states.enter("STOPPING") is Do.NOTHING  # nothing began, so nothing to end
        assert states.enter("READY") is Do.BEGIN
        assert states.enter("READY") is Do.NOTHING  # a second READY must not begin twice
    warnings = " ".join(r.getMessage() for r in caplog.records)
    assert "FOCUSED before it was begun" in warnings
    assert "STOPPING while not running" in warnings and "READY while already running" in warnings


def test_an_unknown_state_name_is_a_bug():
    with pytest.raises(ValueError):
        SessionStates().enter("DANCING")
