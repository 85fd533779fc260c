"""The temporary Prefect API: a server that cannot start says so at once, not after
its whole start-up time (an unwritable home made every run wait five minutes)."""

from __future__ import annotations

import pytest

from newsfacts.flows import prefect_api


class _Process:
    def __init__(self, code):
        self.code = code

    def poll(self):
        return self.code


def _server_whose_processes_exit_with(code, monkeypatch):
    server = prefect_api.TemporaryApi()
    monkeypatch.setattr(server, "_popen", lambda port: _Process(code))
    return server


@pytest.mark.parametrize("code", [1, 2, 137])
def test_a_server_process_that_exited_ends_the_wait(code, monkeypatch):
    server = _server_whose_processes_exit_with(code, monkeypatch)
    with pytest.raises(prefect_api._ServerExited, match=str(code)):
        server.start(timeout=60)
    assert server.starts == 1


def test_a_taken_port_is_tried_again_three_times_in_all(monkeypatch):
    server = _server_whose_processes_exit_with(3, monkeypatch)
    with pytest.raises(prefect_api._ServerExited, match="3 times"):
        server.start(timeout=60)
    assert server.starts == prefect_api._MAX_STARTS + 1


def test_the_temporary_api_starts_answers_and_stops():
    import httpx

    server = prefect_api.TemporaryApi()
    try:
        server.start(timeout=prefect_api.startup_seconds())
        assert httpx.get(f"{server.api_url}/health", timeout=5).status_code == 200
        process = server.process
    finally:
        server.stop()
    assert process.poll() is not None and server.process is None


def test_threads_without_the_commands_context_see_the_temporary_api(monkeypatch):
    """Prefect's process-pool forwarder and events worker run in threads of their own:
    they must find the temporary API, not start an ephemeral server beside it."""
    import threading

    from prefect.settings import get_current_settings

    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.setattr(prefect_api, "configured_api_url", lambda: None)
    seen: list = []

    def look() -> None:
        seen.append(get_current_settings().api.url)

    with prefect_api.prefect_api() as url:
        thread = threading.Thread(target=look)
        thread.start()
        thread.join()
    after = threading.Thread(target=look)
    after.start()
    after.join()
    assert seen == [url, None]
