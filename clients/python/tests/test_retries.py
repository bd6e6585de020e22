"""Retries never lose or duplicate: responses lost after the server stored a batch,
and the server killed (SIGKILL) mid-run and restarted."""
from __future__ import annotations

import time
import unittest

from .support import CONTROL, URL, LossyProxy, ServerTest, control, script


class Retries(ServerTest):
    def test_lost_responses_are_retried_with_the_same_batch_id_and_applied_once(self) -> None:
        proxy = self.proxy(LossyProxy(URL, drop="first-attempt"))
        run = self.init(url=proxy.url)
        expected = script(run, range(20))
        run.finish()
        self.assertGreaterEqual(proxy.dropped, 10)  # run create, every batch, the finish
        self.assertRows(run.id, expected)

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
