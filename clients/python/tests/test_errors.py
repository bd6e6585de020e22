"""Bad records raise an error naming the field: on the spot for what the client checks,
from the server's 4xx message for the rest; nothing of a refused batch is stored."""
from __future__ import annotations

import os
import time

import pareto_studio
from pareto_studio import ParetoStudioError

from .support import ServerTest, get


class BadRecords(ServerTest):
    def test_client_side_checks_name_the_field(self) -> None:
        run = self.init()
        cases = [
            (lambda: run.log(-1, accuracy=1), "step"),
            (lambda: run.log(0, accuracy="high"), "log(step=0).accuracy"),
            (lambda: run.log(0, loss=float("nan")), "log(step=0).loss: must be finite"),
            (lambda: run.log(0, weights=[1.0]), "log(step=0).weights: has 1 values; this run has 2 objectives"),
            (lambda: run.log_eval(1, [0.5, 1, 2]), "log_eval(step=1).objectives: has 3 values; this run has 2 objectives (accuracy, tool_calls)"),
            (lambda: run.log_eval(1, {"accuracy": 0.5}), "log_eval(step=1).objectives.tool_calls: missing"),
            (lambda: run.log_trajectories(1, [{"prompt": "x", "tokens": [], "objectives": [1, 2], "reward": None, "score": 1}]),
             "log_trajectories(step=1)[0].score: unknown key"),
        ]
        for call, message in cases:
            with self.subTest(message=message):
                with self.assertRaises(ValueError) as ctx:
                    call()
                self.assertIn(message, str(ctx.exception))
        with self.assertRaises(ValueError) as ctx:
            pareto_studio.init(name="x", objectives=[("accuracy", "up", 0), ("calls", "min", 3)], url="http://127.0.0.1:9", dir=self.dir, quiet=True)
        self.assertIn("objectives[0].direction", str(ctx.exception))
        run.finish()
        self.assertEqual(get(f"/api/runs/{run.id}/metrics")["metrics"], [])

    def test_server_refusal_names_the_field_and_stores_nothing_of_that_batch(self) -> None:
        run = self.init(flush_every=1000)
        run.log(0, accuracy=0.5, tool_calls=1)
        run.log_trajectories(3, [{"prompt": "p", "tokens": [("text", "ok")], "objectives": [1, 0]},
                                 {"prompt": "p", "tokens": [("thought", "hmm")], "objectives": [1, 0]}])
        with self.assertRaises(ParetoStudioError) as ctx:
            run.flush()
        msg = str(ctx.exception)
        self.assertIn("records[1].tokens[0].kind", msg)
        self.assertIn("records[1] is step 3", msg)
        self.assertIn("trajectories batch of 2 record(s), not stored", msg)
        self.assertEqual(ctx.exception.status, 422)
        self.assertEqual(ctx.exception.field, "records[1].tokens[0].kind")
        # the run goes on; the steps batch was stored, the refused trajectories were not
        run.log(1, accuracy=0.6, tool_calls=1)
        run.finish()
        self.assertEqual([m["step"] for m in get(f"/api/runs/{run.id}/metrics")["metrics"]], [0, 1])
        self.assertEqual(get(f"/api/runs/{run.id}/trajectories")["trajectories"], [])

    def test_a_refusal_is_raised_by_the_next_call_which_still_keeps_its_own_data(self) -> None:
        run = self.init(flush_every=1)
        run.log_trajectories(0, [{"prompt": "p", "tokens": [("thought", "hmm")], "objectives": [1, 0]}])
        journal = os.path.join(run.dir, "journal.jsonl")
        deadline = time.monotonic() + 30
        while '"type":"refused"' not in open(journal).read():
            self.assertLess(time.monotonic(), deadline, "the server never answered the bad batch")
            time.sleep(0.05)
        with self.assertRaises(ParetoStudioError) as ctx:
            run.log(1, accuracy=0.5, tool_calls=1)
        self.assertIn("records[0].tokens[0].kind", str(ctx.exception))
        run.finish()
        self.assertEqual([(m["step"], m["objectiveMeans"]) for m in get(f"/api/runs/{run.id}/metrics")["metrics"]],
                         [(1, {"accuracy": 0.5, "tool_calls": 1})])

    def test_run_refused_at_init_raises_with_the_servers_field(self) -> None:
        with self.assertRaises(ParetoStudioError) as ctx:
            self.init(experiment="")
        self.assertIn("the server refused the run: experiment:", str(ctx.exception))
        self.assertEqual(ctx.exception.field, "experiment")
        with self.assertRaises(ParetoStudioError) as ctx:
            self.init(environment="e" * 65)
        self.assertEqual(ctx.exception.field, "environment")

    def test_a_step_already_sent_cannot_be_logged_again(self) -> None:
        run = self.init()
        run.log(0, accuracy=0.1, tool_calls=1)
        run.log(1, accuracy=0.1, tool_calls=1)
        run.flush()
        with self.assertRaises(ValueError) as ctx:
            run.log(0, loss=1)
        self.assertIn("step 0: already sent", str(ctx.exception))
        run.finish()
        with self.assertRaises(ParetoStudioError):
            run.log(2, accuracy=0.1)
        self.assertEqual(len(get(f"/api/runs/{run.id}/metrics")["metrics"]), 2)


