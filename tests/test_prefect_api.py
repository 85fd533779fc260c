"""The temporary Prefect API: a server that cannot start says so at once, not after
its whole start-up time (an unwritable home made every run wait five minutes)."""

from __future__ import annotations

import pytest

from newsfacts.flows import prefect_api


class _Process:
    def __init__(self, code):
        self.code = code
        self.terminated = False

    def poll(self):
        return self.code

    def terminate(self):
        self.terminated = True


@pytest.mark.parametrize("code", [1, 2, 137])
def test_a_server_process_that_exited_ends_the_wait(code):
    with pytest.raises(prefect_api._ServerExited, match=str(code)):
        prefect_api._FailsFast(_Process(code)).poll()


@pytest.mark.parametrize("code", [None, 3])
def test_a_running_process_or_a_taken_port_lets_prefect_go_on(code):
    process = prefect_api._FailsFast(_Process(code))
    assert process.poll() == code
    process.terminate()  # everything else reaches the real process
    assert process._process.terminated


def test_after_three_failed_starts_the_server_gives_up():
    from prefect.server.api.server import SubprocessASGIServer

    SubprocessASGIServer(port=None)  # one that Prefect (a test harness) made before
    server = prefect_api._server_class()(port=None)
    assert type(server).__name__ == "TemporaryServer"
    server.starts = prefect_api._MAX_STARTS
    with pytest.raises(prefect_api._ServerExited, match="3 times"):
        server._run_uvicorn_command()
