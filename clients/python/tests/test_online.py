"""Logging through the client: the server ends up with exactly the rows sent."""
from __future__ import annotations

import time

from .support import ServerTest, get, script


class OnlineLogging(ServerTest):
    def test_rows_logged_appear_exactly_as_sent(self) -> None:
        run = self.init(config={"lr": 3e-4, "group_size": 4}, experiment="py-client", total_steps=40)
        expected = script(run, range(40))
        run.finish()
        self.assertRows(run.id, expected)
        r = get(f"/api/runs/{run.id}")["run"]
        self.assertEqual(r["status"], "finished")
        self.assertEqual(r["source"], "external")
        self.assertEqual(r["config"], {"lr": 3e-4, "group_size": 4})
        self.assertEqual(r["experiment"]["name"], "py-client")
        self.assertEqual(r["lastStep"], 39)
        self.assertEqual([o["name"] for o in r["objectives"]], ["accuracy", "tool_calls"])
        self.assertEqual([o["direction"] for o in r["objectives"]], ["maximize", "minimize"])

    def test_batches_go_out_while_training_not_only_at_the_end(self) -> None:
        run = self.init(flush_every=1000, flush_interval=0.1)
        for s in range(5):
            run.log(s, accuracy=0.5, tool_calls=1.0)
        deadline = time.monotonic() + 10
        seen = []
        while time.monotonic() < deadline:
            seen = get(f"/api/runs/{run.id}/metrics")["metrics"]
            if len(seen) == 4:
                break
            time.sleep(0.05)
        # steps 0-3 are complete and sent by the timer; step 4 stays open (more metrics may come)
        self.assertEqual([m["step"] for m in seen], [0, 1, 2, 3])
        run.log(4, loss=0.25)
        run.finish()
        last = get(f"/api/runs/{run.id}/metrics?after=3")["metrics"]
        self.assertEqual(len(last), 1)
        self.assertEqual((last[0]["objectiveMeans"], last[0]["loss"]), ({"accuracy": 0.5, "tool_calls": 1.0}, 0.25))

    def test_context_manager_marks_the_run_failed_with_the_exception(self) -> None:
        with self.assertRaises(ZeroDivisionError):
            with self.init() as run:
                run.log(0, accuracy=0.1, tool_calls=2)
                1 / 0
        r = get(f"/api/runs/{run.id}")["run"]
        self.assertEqual(r["status"], "failed")
        self.assertIn("ZeroDivisionError", r["error"])
        self.assertEqual(len(get(f"/api/runs/{run.id}/metrics")["metrics"]), 1)

    def test_context_manager_finishes_and_same_id_resumes_the_run(self) -> None:
        with self.init(id="py-resume-test-" + self.dir[-8:].replace("_", "-")) as run:
            run.log(0, accuracy=0.2, tool_calls=3)
        self.assertEqual(get(f"/api/runs/{run.id}")["run"]["status"], "finished")
        run2 = self.init(id=run.id)  # creating the same id again returns the run, not a copy
        self.assertEqual(run2.id, run.id)
        run2.finish()
