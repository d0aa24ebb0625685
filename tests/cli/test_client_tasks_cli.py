"""``mcptui call`` of a tool whose server asks its question as a task the client runs (2025-11-25)."""

from __future__ import annotations


def test_the_cli_answers_a_task_augmented_elicitation(run_cli, demo_legacy_url):
    run = run_cli("call", demo_legacy_url, "ask_as_task", "--accept-defaults")
    assert run.code == 0, run.err
    assert "result: accept name=Ada (task mcptui-" in run.out and run.out.rstrip().endswith(
        "final: completed"
    )
    declined = run_cli("call", demo_legacy_url, "ask_as_task")  # no terminal: the question is declined
    assert declined.code == 0, declined.err
    assert (
        "result: decline name=None" in declined.out
        and "declined because stdin is not a terminal" in declined.err
    )
