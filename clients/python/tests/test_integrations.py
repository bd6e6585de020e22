"""The TRL/transformers callback and the verl backend, called the way those frameworks
call them (their documented signatures), without the frameworks installed."""
from __future__ import annotations

import importlib.util
import types

from pareto_studio.integrations.transformers import ParetoStudioCallback
from pareto_studio.integrations.verl import ParetoStudioBackend, attach

from .support import OBJECTIVES, TOKEN, URL, ServerTest, get


class TrainingArgumentsLike:
    """What the callback reads of transformers' TrainingArguments: run_name and to_dict()."""

    run_name = "grpo-qwen-tiny"

    def to_dict(self) -> dict:
        return {"learning_rate": 1e-6, "num_generations": 8, "output_dir": "out", "report_to": ["none"], "lr_scheduler_type": "linear"}


class TrlCallback(ServerTest):
    def test_on_log_and_on_evaluate_as_the_trainer_calls_them(self) -> None:
        if importlib.util.find_spec("transformers") is None:
            self.assertEqual(ParetoStudioCallback.__mro__[1].__module__, "pareto_studio.integrations.transformers")
        cb = ParetoStudioCallback(objectives=OBJECTIVES, url=URL, token=TOKEN, dir=self.dir, quiet=True, flush_interval=0.1,
                                  tags=["trl"], objective_keys={"tool_calls": "completions/tool_calls"})
        args, control = TrainingArgumentsLike(), types.SimpleNamespace(should_log=False)
        state = types.SimpleNamespace(global_step=0, is_world_process_zero=True, log_history=[])
        # Trainer: callback_handler.on_train_begin(args, state, control) → call_event(event, args, state, control, model=..., ...)
        cb.on_train_begin(args, state, control, model=None, processing_class=None, optimizer=None, lr_scheduler=None,
                          train_dataloader=None, eval_dataloader=None)
        run = cb.run
        self.assertIsNotNone(run)
        for step in (10, 20):
            state.global_step = step
            cb.on_step_end(args, state, control)
            # GRPOTrainer.log → Trainer.log → callback_handler.on_log(args, state, control, logs)
            logs = {"loss": 0.01 * step, "grad_norm": 1.5, "learning_rate": 1e-6, "num_tokens": 1000.0 * step,
                    "completions/mean_length": 40.0, "completions/tool_calls": 2.0 - step / 20, "rewards/accuracy/mean": step / 40,
                    "rewards/accuracy/std": 0.2, "reward": step / 40, "reward_std": 0.2, "kl": 0.002, "entropy": 0.9,
                    "clip_ratio/region_mean": float("nan"), "epoch": step / 20}
            cb.on_log(args, state, control, logs=logs)
        # Trainer.evaluate → callback_handler.on_evaluate(args, state, control, metrics), then on_log with the same metrics
        metrics = {"eval_loss": 0.3, "eval_accuracy": 0.55, "eval_tool_calls": 1.25, "eval_runtime": 2.0, "epoch": 1.0}
        cb.on_evaluate(args, state, control, metrics=metrics)
        cb.on_log(args, state, control, logs=metrics)
        cb.on_train_end(args, state, control, model=None)

        r = get(f"/api/runs/{run.id}")["run"]
        self.assertEqual((r["name"], r["status"], r["tags"]), ("grpo-qwen-tiny", "finished", ["trl"]))
        self.assertEqual(r["config"]["num_generations"], 8)
        m = get(f"/api/runs/{run.id}/metrics")["metrics"]
        self.assertEqual([x["step"] for x in m], [10, 20])
        self.assertEqual(m[0]["objectiveMeans"], {"accuracy": 0.25, "tool_calls": 1.5})
        self.assertEqual((m[0]["loss"], m[0]["kl"], m[0]["entropy"]), (0.1, 0.002, 0.9))
        self.assertEqual(m[0]["extra"]["reward"], 0.25)
        self.assertNotIn("clip_ratio/region_mean", m[0]["extra"])  # NaN dropped, not a crash
        self.assertEqual(m[1]["extra"]["eval_loss"], 0.3)  # the evaluation's on_log merged into step 20
        self.assertEqual(m[1]["objectiveMeans"], {"accuracy": 0.5, "tool_calls": 1.0})
        e = get(f"/api/runs/{run.id}/eval-points")["evalPoints"]
        self.assertEqual([(p["step"], p["objectives"]) for p in e], [(20, [0.55, 1.25])])

    def test_other_processes_log_nothing(self) -> None:
        cb = ParetoStudioCallback(objectives=OBJECTIVES, url=URL, token=TOKEN, dir=self.dir, quiet=True)
        state = types.SimpleNamespace(global_step=1, is_world_process_zero=False)
        cb.on_train_begin(TrainingArgumentsLike(), state, None)
        cb.on_log(TrainingArgumentsLike(), state, None, logs={"loss": 1.0})
        cb.on_train_end(TrainingArgumentsLike(), state, None)
        self.assertIsNone(cb.run)


class VerlBackend(ServerTest):
    def test_log_as_verl_tracking_calls_it(self) -> None:
        # verl.utils.tracking.Tracking keeps backends in .logger and calls
        # logger_instance.log(data=data, step=step) on each, then finish() on teardown
        tracking = types.SimpleNamespace(logger={})
        backend = attach(tracking, project_name="agents", experiment_name="qwen-grpo-calc", config={"trainer": {"total_epochs": 1}},
                         objectives=OBJECTIVES, url=URL, token=TOKEN, dir=self.dir, quiet=True, flush_interval=0.1)
        self.assertIs(tracking.logger["pareto_studio"], backend)

        def tracking_log(data: dict, step: int) -> None:
            for _name, logger_instance in tracking.logger.items():
                logger_instance.log(data=data, step=step)

        # the trainer's validation before training, at global step 0
        tracking_log({"val-core/calc/accuracy/mean@1": 0.4, "val-aux/calc/tool_calls/mean@1": 2.5,
                      "val-core/hops/accuracy/mean@4": 0.3, "val-aux/hops/tool_calls/mean@4": 3.0, "val-aux/hops/tool_calls/mean@1": 9.0}, 0)
        for step in (1, 2):
            tracking_log({"actor/pg_loss": -0.01 * step, "actor/entropy": 1.2, "actor/kl_loss": 0.001, "actor/lr": 1e-6,
                          "critic/score/mean": 0.5, "reward/accuracy/mean": 0.4 + 0.1 * step, "reward/tool_calls/mean": 2.5 - step,
                          "response_length/mean": 120.0, "timing_s/gen": 3.2, "training/global_step": step}, step)
        tracking_log({"val-core/calc/accuracy/mean@1": 0.6, "val-aux/calc/tool_calls/mean@1": 1.5, "actor/pg_loss": 0.0}, 3)
        backend.finish()

        run = backend.run
        r = get(f"/api/runs/{run.id}")["run"]
        self.assertEqual((r["name"], r["experiment"]["name"], r["algorithm"], r["status"]), ("qwen-grpo-calc", "agents", "verl", "finished"))
        m = get(f"/api/runs/{run.id}/metrics")["metrics"]
        self.assertEqual([x["step"] for x in m], [1, 2, 3])
        self.assertEqual(m[0]["objectiveMeans"], {"accuracy": 0.5, "tool_calls": 1.5})
        self.assertEqual((m[0]["loss"], m[0]["entropy"], m[0]["kl"]), (-0.01, 1.2, 0.001))
        self.assertEqual(m[0]["extra"]["critic/score/mean"], 0.5)
        e = get(f"/api/runs/{run.id}/eval-points")["evalPoints"]
        got = [(p["step"], p["objectives"], (p["extra"] or {}).get("data_source")) for p in e]
        self.assertEqual(got, [(0, [0.4, 2.5], "calc"), (0, [0.3, 3.0], "hops"), (3, [0.6, 1.5], "calc")])

    def test_constructed_like_a_verl_backend_with_an_existing_run(self) -> None:
        run = self.init()
        backend = ParetoStudioBackend(run=run, eval_keys={"accuracy": "val/acc", "tool_calls": "val/calls"})
        backend.log(data={"val/acc": 0.7, "val/calls": 1.0, "accuracy": 0.65, "tool_calls": 1.1}, step=5)
        backend.finish()
        self.assertEqual(get(f"/api/runs/{run.id}/eval-points")["evalPoints"][0]["objectives"], [0.7, 1.0])
        self.assertEqual(get(f"/api/runs/{run.id}/metrics")["metrics"][0]["objectiveMeans"], {"accuracy": 0.65, "tool_calls": 1.1})
