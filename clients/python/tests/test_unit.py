"""Pure parts of the client, no server: objective specs and record building."""
from __future__ import annotations

import unittest

from pareto_studio.objectives import parse_objectives
from pareto_studio.records import eval_points, step_fields, trajectory

NAMES = ["accuracy", "tool_calls"]


class Objectives(unittest.TestCase):
    def test_tuples_and_dicts(self) -> None:
        self.assertEqual(parse_objectives([("accuracy", "max", 1), {"name": "tool_calls", "direction": "minimize", "reference": 3}]), [
            {"name": "accuracy", "direction": "maximize", "reference": 1.0},
            {"name": "tool_calls", "direction": "minimize", "reference": 3.0},
        ])

    def test_errors_name_the_field(self) -> None:
        for specs, field in [([("a", "max", 0)], "objectives: a run has 2 to 16"), ([("1a", "max", 0), ("b", "min", 1)], "objectives[0].name"),
                             ([("a", "max", 0), ("a", "min", 1)], "objectives[1].name: duplicate"),
                             ([("a", "max", 0), ("b", "min", float("inf"))], "objectives[1].reference")]:
            with self.subTest(field=field), self.assertRaises(ValueError) as ctx:
                parse_objectives(specs)
            self.assertIn(field, str(ctx.exception))


class Records(unittest.TestCase):
    def test_step_fields_route_keys(self) -> None:
        f = step_fields({"accuracy": 1, "loss": 0.5, "stage": 2, "weights": {"tool_calls": 0.3, "accuracy": 0.7}, "reward": 0.1, "note": "x"}, NAMES, 3)
        self.assertEqual(f, {"objectiveMeans": {"accuracy": 1.0}, "loss": 0.5, "stage": 2, "weights": [0.7, 0.3], "extra": {"reward": 0.1, "note": "x"}})

    def test_numpy_like_scalars(self) -> None:
        class Scalar:
            def __init__(self, v: float) -> None:
                self.v = v

            def item(self) -> float:
                return self.v

        self.assertEqual(step_fields({"accuracy": Scalar(0.25)}, NAMES, 0), {"objectiveMeans": {"accuracy": 0.25}})

    def test_eval_points_one_or_many(self) -> None:
        self.assertEqual(len(eval_points(1, [0.5, 2], NAMES, "test", None)), 1)
        self.assertEqual([p["objectives"] for p in eval_points(1, [[0.5, 2], {"accuracy": 0.6, "tool_calls": 3}], NAMES, "test", None)],
                         [[0.5, 2.0], [0.6, 3.0]])

    def test_trajectory_defaults(self) -> None:
        t = trajectory(4, 2, {"prompt": "q", "tokens": "42", "objectives": [1, 0]}, NAMES)
        self.assertEqual(t, {"step": 4, "group": 0, "index": 2, "split": "train", "prompt": "q", "tokens": [{"kind": "answer", "text": "42"}], "objectives": [1.0, 0.0]})
