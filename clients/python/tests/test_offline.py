"""Offline mode, then `python -m pareto_studio sync DIR`: the same rows as online
logging, and syncing again (or after a crash mid-sync) duplicates nothing."""
from __future__ import annotations

import os
import subprocess
import sys

import pareto_studio

from .support import OBJECTIVES, ROOT, TOKEN, URL, LossyProxy, ServerTest, get, rows, script


def sync(path: str, url: str = URL) -> "subprocess.CompletedProcess[str]":
    env = {**os.environ, "PYTHONPATH": ROOT}
    args = [sys.executable, "-m", "pareto_studio", "sync", path, "--url", url, "--timeout", "2"]
    if TOKEN:
        args += ["--token", TOKEN]
    return subprocess.run(args, capture_output=True, text=True, env=env, timeout=120)


class OfflineThenSync(ServerTest):
    def test_offline_then_sync_gives_the_same_rows_as_online(self) -> None:
        online = self.init(name="twin")
        expected = script(online, range(30))
        online.finish()

        offline = self.init(name="twin", mode="offline")
        self.assertEqual(script(offline, range(30)), expected)
        offline.finish()
        with self.assertRaises(Exception):
            get(f"/api/runs/{offline.id}")  # nothing sent yet

        res = sync(offline.dir)
        self.assertEqual(res.returncode, 0, res.stderr)
        self.assertIn(f"{offline.id}: synced", res.stdout)
        self.assertEqual(rows(offline.id), rows(online.id))
        self.assertRows(offline.id, expected)
        self.assertEqual(get(f"/api/runs/{offline.id}")["run"]["status"], "finished")

        again = sync(self.dir)  # the parent folder: every run in it; both already there
        self.assertEqual(again.returncode, 0, again.stderr)
        self.assertIn(f"{offline.id}: synced (0 item(s) sent)", again.stdout)
        self.assertRows(offline.id, expected)

    def test_sync_cut_off_after_the_server_applied_but_before_the_ack_duplicates_nothing(self) -> None:
        offline = self.init(mode="offline", flush_every=5)
        expected = script(offline, range(12))
        offline.finish()
        # the first sync's connection goes dead after 3 answers: the server applies the 4th
        # item but the answer never arrives, so the journal does not record it
        proxy = self.proxy(LossyProxy(URL, drop="after:3"))
        cut = sync(offline.dir, proxy.url)
        self.assertEqual(cut.returncode, 1)
        self.assertIn("server unreachable", cut.stderr)
        self.assertGreaterEqual(proxy.dropped, 1)
        self.assertEqual(get(f"/api/runs/{offline.id}")["run"]["status"], "running")
        res = sync(offline.dir)
        self.assertEqual(res.returncode, 0, res.stderr)
        self.assertIn("already on the server", res.stdout)  # the 4th item: resent, not applied twice
        self.assertRows(offline.id, expected)
        self.assertEqual(get(f"/api/runs/{offline.id}")["run"]["status"], "finished")

    def test_unreachable_server_at_init_falls_back_to_offline(self) -> None:
        run = pareto_studio.init(name="fallback", objectives=OBJECTIVES, url="http://127.0.0.1:9", dir=self.dir, init_timeout=0.5, quiet=True)
        self.assertTrue(run.offline)
        expected = script(run, range(6))
        run.finish()
        self.assertEqual(sync(run.dir).returncode, 0)
        self.assertRows(run.id, expected)
