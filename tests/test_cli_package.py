"""The command line in process: exit codes for our own bugs versus the user's mistakes, --lang reaching
Settings, bench outside a source checkout, and the use-case checks it calls in the library."""
from __future__ import annotations

import pytest

from engine.cli import EXIT_BAD_INPUT, EXIT_INTERNAL_ERROR, EXIT_MISSING_CAPABILITY, build_parser, main
from engine.cli import settings_from_args
from engine.errors import UsageError
from engine.visit_requests import parse_answers
from tests.conftest import DATA


def _headless(tmp_path, *extra: str) -> list[str]:
    return ["play", "islet", "--tour", "islet-basics", "--headless", "--log", str(tmp_path / "log.jsonl"),
            "--scenes", str(DATA / "scenes"), "--scripts", str(DATA / "tours"), "--data", str(tmp_path), *extra]


def test_a_value_error_inside_the_tour_run_is_a_bug_not_bad_input(tmp_path, monkeypatch, capsys):
    from engine.tour.runner import TourRunner

    def broken_tick(self, dt):
        raise ValueError("a bug deep in the engine")

    monkeypatch.setattr(TourRunner, "tick", broken_tick)
    assert main(_headless(tmp_path)) == EXIT_INTERNAL_ERROR
    err = capsys.readouterr().err
    assert "internal error: ValueError: a bug deep in the engine" in err and "Traceback" not in err
    reports = list((tmp_path / "logs").glob("crash-*.txt"))
    assert len(reports) == 1 and "broken_tick" in reports[0].read_text(encoding="utf-8")


def test_an_unreachable_from_step_is_still_the_users_mistake(tmp_path, capsys):
    # unattended, the quiz takes its default answer and the tour never passes step 'wrong'
    assert main(_headless(tmp_path, "--from", "wrong")) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert "step 'wrong' is never reached" in err and "internal error" not in err
    assert not (tmp_path / "logs").exists()


def test_bench_outside_a_source_checkout_says_what_to_do(tmp_path, monkeypatch, capsys):
    import engine.settings
    monkeypatch.setattr(engine.settings, "PROJECT_ROOT", tmp_path)  # an installed package: no benchmarks/
    assert main(["bench", "--data", str(tmp_path)]) == EXIT_MISSING_CAPABILITY
    err = capsys.readouterr().err
    assert "source checkout" in err and "make bench" in err


@pytest.mark.parametrize("argv", [
    ["render", "gulangyu", "--out", "x.png", "--lang", "en"],
    ["play", "gulangyu", "--lang", "en"],
    ["strings", "export", "--lang", "en", "x.csv"],
])
def test_lang_reaches_the_settings_of_every_command_that_takes_it(argv, monkeypatch):
    monkeypatch.delenv("LUDAO_LANG", raising=False)
    assert settings_from_args(build_parser().parse_args(argv)).lang == "en"


def test_answers_are_question_option_pairs():
    assert parse_answers(["quiz_chapel=white", "q2=a=b"]) == {"quiz_chapel": "white", "q2": "a=b"}
    with pytest.raises(UsageError, match="QUESTION=OPTION"):
        parse_answers(["quiz_chapel"])
