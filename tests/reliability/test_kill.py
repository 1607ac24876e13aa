"""A gunicorn worker killed (SIGKILL) in the middle of a change leaves nothing half-written.

The request is held just before its transaction commits (``GONGKAI_STALL``: after the file was written,
its row and the audit entry inserted; after the pause was inserted and the step audited), the test
kills the worker there, and then finds no attachment row, no file in place, no pause and no audit
entry: the database rolled the transaction back and the file never left ``MEDIA_ROOT/.incoming``,
from where ``uploads.sweep`` removes it. The same requests then succeed on the restarted worker.
"""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest
from django.urls import reverse

from . import racing


@pytest.fixture
def site(tmp_path):
    stall = f"attach:60:{tmp_path / 'attach.pid'},pause_start:60:{tmp_path / 'pause.pid'}"
    site, drop = racing.prepare(tmp_path, {"GONGKAI_STALL": stall})
    try:
        racing.serve(site, workers=2)
        yield site
    finally:
        racing.stop(site)
        drop()


def _killed_mid_request(staff, path, fields, page, marker, files=None) -> int:
    """Post in a thread, SIGKILL the worker once it is held before its commit; the worker's pid."""
    errors = []

    def post():
        try:
            errors.append(staff.post(path, fields, page, files))
        except OSError as exc:  # the connection dies with the worker
            errors.append(exc)

    thread = threading.Thread(target=post)
    thread.start()
    deadline = time.monotonic() + 60
    while not marker.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert marker.exists(), "the request never reached the point before its commit"
    pid = int(marker.read_text())
    os.kill(pid, signal.SIGKILL)
    thread.join(30)
    assert errors and not isinstance(errors[0], racing.Answer), f"the request was answered: {errors}"
    return pid


def test_it_leaves_nothing_half_written_when_a_worker_is_killed_mid_request(site, tmp_path):
    ids = site.fixtures("seed", {"apps": {"kill": ["processing", 1]}})
    number = ids["apps"]["kill"][0]
    page_url = reverse("application", args=["county", number])
    attach_url = reverse("attach", args=["county", number])
    pause_url = reverse("act", args=["county", number, "pause_start"])
    pause_fields = {"pause_start-kind": "third_party", "pause_start-party": "示范公司",
                    "pause_start-start": "2025-03-05", "pause_start-reason": ""}
    upload = {"file": ("evidence.pdf", b"%PDF-1.4 " + b"x" * 200_000)}
    staff = racing.Staff(site, "a")

    killed = [_killed_mid_request(staff, attach_url, {"kind": "application"}, staff.get(page_url),
                                  tmp_path / "attach.pid", upload),
              _killed_mid_request(staff, pause_url, pause_fields, staff.get(page_url), tmp_path / "pause.pid")]
    after = site.fixtures("probe", {"apps": [number]})
    case = after["apps"][number]
    actions = [e[0] for e in case["audit"]]
    print(f"\nkilled workers {killed} on {site.backend}: attachments {len(case['attachments'])}, files in place "
          f"{len(case['on_disk'])}, pauses {len(case['pauses'])}, audit entries of the killed steps "
          f"{sum(a in ('attach', 'pause_start') for a in actions)}, files left aside {len(after['aside'])}")
    assert case["attachments"] == [] and case["on_disk"] == []
    assert case["pauses"] == []
    assert "attach" not in actions and "pause_start" not in actions
    assert case["row"]["due_on"] is not None  # the clock still runs: no pause was half-started
    # The killed upload's bytes never reached a file's place; they wait aside until swept.
    assert len(after["aside"]) == 1
    swept = site.fixtures("sweep", {"older_than": 0})
    assert len(swept["removed"]) == 1 and swept["aside"] == []

    # The restarted workers take the same requests, and each commits whole: row, audit entry, file, pause.
    assert staff.post(attach_url, {"kind": "application"}, staff.get(page_url), upload).status == 302
    assert staff.post(pause_url, pause_fields, staff.get(page_url)).status == 302
    case = site.fixtures("probe", {"apps": [number]})["apps"][number]
    assert [a[1] for a in case["attachments"]] == [True] and len(case["on_disk"]) == 1
    assert case["pauses"] == [["third_party", "2025-03-05", None]]
    actions = [e[0] for e in case["audit"]]
    assert actions.count("attach") == 1 and actions.count("pause_start") == 1
