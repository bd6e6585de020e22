"""Retries never lose or duplicate: responses lost after the server stored a batch,
and the server killed (SIGKILL) mid-run and restarted."""
from __future__ import annotations

import time
import unittest

from pareto_studio import ParetoStudioError

from .support import CONTROL, URL, LossyProxy, ServerTest, control, get, rows, script
from .test_offline import sync


class Retries(ServerTest):
    def test_lost_responses_are_retried_with_the_same_batch_id_and_applied_once(self) -> None:
        proxy = self.proxy(LossyProxy(URL, drop="first-attempt"))
        run = self.init(url=proxy.url)
        expected = script(run, range(20))
        run.finish()
        self.assertGreaterEqual(proxy.dropped, 10)  # run create, every batch, the finish
        self.assertRows(run.id, expected)

    def test_a_batch_the_server_keeps_failing_on_does_not_block_the_run_and_sync_delivers_it_later(self) -> None:
        proxy = self.proxy(LossyProxy(URL, drop="fail:trajectories"))
        run = self.init(url=proxy.url, retry_max_delay=0.2)
        expected = script(run, range(6))
        with self.assertRaises(ParetoStudioError) as ctx:
            run.flush(timeout=60)
        self.assertIn("HTTP 500", str(ctx.exception))
        self.assertIn("python -m pareto_studio sync", str(ctx.exception))
        with self.assertRaises(ParetoStudioError) as ctx:
            run.finish()
        self.assertRegex(str(ctx.exception), r"stays running on the server until \d+ kept batch\(es\) are delivered")
        got = rows(run.id)
        self.assertEqual((got["metrics"], got["evalPoints"], got["trajectories"]), (expected["metrics"], expected["evalPoints"], []))
        self.assertEqual(get(f"/api/runs/{run.id}")["run"]["status"], "running")
        res = sync(run.dir)  # straight to the server: the kept batch, then the finish
        self.assertEqual(res.returncode, 0, res.stderr)
        self.assertRows(run.id, expected)
        self.assertEqual(get(f"/api/runs/{run.id}")["run"]["status"], "finished")

    @unittest.skipUnless(CONTROL, "needs the harness's control endpoint (PARETO_STUDIO_TEST_CONTROL) to kill the server")
    def test_server_killed_mid_run_and_restarted_loses_and_duplicates_nothing(self) -> None:
        run = self.init(flush_every=4, flush_interval=0.05, retry_max_delay=0.5)
        expected = script(run, range(0, 10))
        time.sleep(0.05)
        control("kill")  # SIGKILL while batches are being sent
        expected2 = script(run, range(10, 25))  # logged while the server is down
        time.sleep(1.0)
        control("start")  # same port, same database
        expected3 = script(run, range(25, 35))
        run.finish()
        for k in expected:
            expected[k] += expected2[k] + expected3[k]
        self.assertRows(run.id, expected)
