"""A ``transformers`` / TRL ``TrainerCallback`` that logs to Pareto Studio.

    from pareto_studio.integrations.transformers import ParetoStudioCallback
    trainer = GRPOTrainer(..., callbacks=[ParetoStudioCallback(
        objectives=[("accuracy", "max", 0), ("tool_calls", "min", 4)],
        name="qwen-0.5b grpo", tags=["trl"],
    )])

Hooks follow transformers' documented signatures
(https://huggingface.co/docs/transformers/main_classes/callback):
``on_train_begin(args, state, control, **kwargs)``, ``on_log(args, state,
control, logs=None, **kwargs)``, ``on_evaluate(args, state, control,
metrics=None, **kwargs)``, ``on_train_end(args, state, control, **kwargs)``;
only the main process (``state.is_world_process_zero``) logs.

- ``on_log``: one step record at ``state.global_step``. Objective means are
  read from ``objective_keys[name]`` when given, else the first of ``name``,
  ``rewards/<name>/mean`` (TRL's GRPOTrainer per-reward-function mean),
  ``rewards/<name>``, ``<name>/mean``; ``loss``, ``kl``/``objective/kl``,
  ``entropy``/``objective/entropy`` go to their columns; every other number
  (``reward``, ``reward_std``, ``learning_rate``, ``completions/mean_length``…)
  to the step's ``extra``.
- ``on_evaluate``: one evaluation point when every objective is found in the
  metrics: ``eval_keys[name]`` when given, else ``eval_<name>``,
  ``eval_rewards/<name>/mean``, ``eval_<name>_mean``.

If ``transformers`` is importable the callback subclasses its
``TrainerCallback``; otherwise it subclasses a plain base with the same event
methods, so it can be built (and tested) without transformers installed.
"""
from __future__ import annotations

from typing import Any, Dict, Mapping, Optional, Sequence

from .. import init as _init
from ..objectives import ObjectiveSpec, parse_objectives
from ..records import as_json
from ..run import Run
from ._metrics import Once, first_key, scalar, split_metrics

try:  # the real base when transformers is installed
    from transformers import TrainerCallback as _Base  # type: ignore[import-not-found]
except Exception:  # noqa: BLE001 - any failure to import means "not available"

    class _Base:  # type: ignore[no-redef]
        """Stand-in with TrainerCallback's event methods (all no-ops)."""

        def on_init_end(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None: ...
        def on_train_begin(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None: ...
        def on_train_end(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None: ...
        def on_epoch_begin(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None: ...
        def on_epoch_end(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None: ...
        def on_step_begin(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None: ...
        def on_step_end(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None: ...
        def on_evaluate(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None: ...
        def on_save(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None: ...
        def on_log(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None: ...
        def on_prediction_step(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None: ...


def _config_of(args: Any) -> Dict[str, Any]:
    raw = args.to_dict() if hasattr(args, "to_dict") else dict(vars(args)) if hasattr(args, "__dict__") else {}
    out: Dict[str, Any] = {}
    for k, v in raw.items():
        try:
            out[k] = as_json(v, k)
        except ValueError:
            out[k] = str(v)
    return out


class ParetoStudioCallback(_Base):  # type: ignore[misc]
    def __init__(
        self,
        run: Optional[Run] = None,
        *,
        objectives: Optional[Sequence[ObjectiveSpec]] = None,
        name: Optional[str] = None,
        objective_keys: Optional[Mapping[str, str]] = None,
        eval_keys: Optional[Mapping[str, str]] = None,
        eval_split: str = "test",
        finish_on_train_end: Optional[bool] = None,
        **init_kwargs: Any,
    ) -> None:
        if run is None and objectives is None:
            raise ValueError("objectives: give the run's objectives, e.g. [('accuracy', 'max', 0), ('tool_calls', 'min', 4)], or a run")
        self.run = run
        self._objectives = parse_objectives(objectives) if objectives is not None else run.objectives  # type: ignore[union-attr]
        self._names = [o["name"] for o in self._objectives]
        self._name = name
        self._init_kwargs = init_kwargs
        self._objective_keys = dict(objective_keys or {})
        self._eval_keys = dict(eval_keys or {})
        self._eval_split = eval_split
        self._finish = finish_on_train_end if finish_on_train_end is not None else run is None
        self._once = Once()

    # transformers calls every event with (args, state, control, **kwargs)

    def on_train_begin(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
        if self.run is None and getattr(state, "is_world_process_zero", True):
            name = self._name or getattr(args, "run_name", None) or "trainer run"
            self.run = _init(name=str(name), objectives=self._objectives, config=_config_of(args), **self._init_kwargs)

    def on_log(self, args: Any, state: Any, control: Any, logs: Optional[Mapping[str, Any]] = None, **kwargs: Any) -> None:
        if self.run is None or not logs or not getattr(state, "is_world_process_zero", True):
            return
        mean_keys = {
            n: [self._objective_keys[n]] if n in self._objective_keys else [n, f"rewards/{n}/mean", f"rewards/{n}", f"{n}/mean"]
            for n in self._names
        }
        columns = {"loss": ["loss"], "kl": ["kl", "objective/kl"], "entropy": ["entropy", "objective/entropy"]}
        self.run.log(int(state.global_step), **split_metrics(logs, self._names, mean_keys, columns))

    def on_evaluate(self, args: Any, state: Any, control: Any, metrics: Optional[Mapping[str, Any]] = None, **kwargs: Any) -> None:
        if self.run is None or not metrics or not getattr(state, "is_world_process_zero", True):
            return
        point: Dict[str, float] = {}
        for n in self._names:
            cands = [self._eval_keys[n]] if n in self._eval_keys else [f"eval_{n}", f"eval_rewards/{n}/mean", f"eval_{n}_mean"]
            key = first_key(metrics, cands)
            if key is None:
                self._once.warn(f"eval:{n}", f"pareto_studio: no evaluation value for objective {n!r} (looked for {', '.join(cands)}; "
                                f"have {', '.join(sorted(metrics))}); pass eval_keys={{{n!r}: KEY}}. No evaluation point logged.")
                return
            point[n] = scalar(metrics[key])  # type: ignore[assignment]
        self.run.log_eval(int(state.global_step), point, split=self._eval_split)

    def on_train_end(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
        if self.run is not None and self._finish:
            self.run.finish()
