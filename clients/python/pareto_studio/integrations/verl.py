"""A verl tracking backend that logs to Pareto Studio.

verl's ``verl.utils.tracking.Tracking`` keeps its backends in ``tracking.logger``
(a dict of name → object) and calls ``backend.log(data=metrics, step=step)`` on
each, once per training step with the step's metrics, validation metrics
included; it calls ``finish()`` on known backends when it is deleted. This
adapter has that interface:

    from verl.utils.tracking import Tracking
    from pareto_studio.integrations.verl import attach
    tracking = Tracking(project_name, experiment_name, default_backend="console", config=config)
    attach(tracking, objectives=[("accuracy", "max", 0), ("tool_calls", "min", 4)],
           experiment_name=experiment_name)

Mapping of verl's metric names (override with ``objective_keys`` / ``eval_keys``):
objective means come from ``<name>``, ``reward/<name>/mean`` or
``critic/<name>/mean``; evaluation points from ``val-core/<data_source>/<name>/mean@N``
(or ``val-aux/…``), one point per data source, when every objective has a
value for it; ``actor/pg_loss`` → loss, ``actor/kl_loss``/``actor/ppo_kl`` → kl,
``actor/entropy`` → entropy; every other number goes to the step's ``extra``.
"""
from __future__ import annotations

import re
from typing import Any, Dict, List, Mapping, Optional, Sequence

from .. import init as _init
from ..objectives import ObjectiveSpec, parse_objectives
from ..records import as_json
from ..run import Run
from ._metrics import Once, first_key, scalar, split_metrics

_VAL = re.compile(r"^val-(?:core|aux)/(?P<source>.+)/(?P<var>[^/]+)/mean@(?P<n>\d+)$")


class ParetoStudioBackend:
    """verl backend: ``log(data, step)`` and ``finish()``."""

    def __init__(
        self,
        project_name: Optional[str] = None,
        experiment_name: Optional[str] = None,
        config: Any = None,
        *,
        objectives: Optional[Sequence[ObjectiveSpec]] = None,
        run: Optional[Run] = None,
        objective_keys: Optional[Mapping[str, str]] = None,
        eval_keys: Optional[Mapping[str, str]] = None,
        **init_kwargs: Any,
    ) -> None:
        if run is None:
            if objectives is None:
                raise ValueError("objectives: give the run's objectives, e.g. [('accuracy', 'max', 0), ('tool_calls', 'min', 4)], or a run")
            try:
                cfg = as_json(dict(config or {}), "config")
            except (ValueError, TypeError):
                cfg = {"config": str(config)}
            init_kwargs.setdefault("experiment", project_name)
            init_kwargs.setdefault("algorithm", "verl")
            run = _init(name=experiment_name or "verl run", objectives=parse_objectives(objectives), config=cfg, **init_kwargs)
        self.run = run
        self._names = list(run.objective_names)
        self._objective_keys = dict(objective_keys or {})
        self._eval_keys = dict(eval_keys or {})
        self._once = Once()

    def log(self, data: Mapping[str, Any], step: int) -> None:
        step = int(step)
        val_keys = [k for k in data if k.startswith("val-") or k.startswith("val/")]
        for point, extra in self._eval_points(data):
            self.run.log_eval(step, point, extra=extra)
        mean_keys = {
            n: [self._objective_keys[n]] if n in self._objective_keys else [n, f"reward/{n}/mean", f"critic/{n}/mean"]
            for n in self._names
        }
        columns = {"loss": ["actor/pg_loss"], "kl": ["actor/kl_loss", "actor/ppo_kl"], "entropy": ["actor/entropy"]}
        fields = split_metrics({k: v for k, v in data.items() if k not in val_keys}, self._names, mean_keys, columns)
        if fields:
            self.run.log(step, **fields)

    def _eval_points(self, data: Mapping[str, Any]) -> List["tuple[Dict[str, float], Optional[Dict[str, Any]]]"]:
        if self._eval_keys:
            found: Dict[str, float] = {}
            for n in self._names:
                key = first_key(data, [self._eval_keys[n]]) if n in self._eval_keys else None
                value = scalar(data[key]) if key is not None else None
                if value is None:
                    return []
                found[n] = value
            return [(found, None)]
        by_source: Dict[str, Dict[str, "tuple[int, float]"]] = {}
        for key, value in data.items():
            m = _VAL.match(key)
            v = scalar(value)
            if not m or v is None or m.group("var") not in self._names:
                continue
            src, var, width = m.group("source"), m.group("var"), int(m.group("n"))
            best = by_source.setdefault(src, {}).get(var)
            if best is None or width > best[0]:  # the widest mean@N of this data source
                by_source[src][var] = (width, v)
        points: List["tuple[Dict[str, float], Optional[Dict[str, Any]]]"] = []
        for src, vals in sorted(by_source.items()):
            if len(vals) == len(self._names):
                points.append(({n: vals[n][1] for n in self._names}, {"data_source": src}))
            else:
                missing = [n for n in self._names if n not in vals]
                self._once.warn(f"val:{src}", f"pareto_studio: validation metrics of {src!r} lack {', '.join(missing)}; no evaluation point logged for it")
        return points

    def finish(self) -> None:
        self.run.finish()


def attach(tracking: Any, name: str = "pareto_studio", **kwargs: Any) -> ParetoStudioBackend:
    """Adds a backend to a verl ``Tracking`` (its ``logger`` dict) and returns it."""
    backend = ParetoStudioBackend(**kwargs)
    tracking.logger[name] = backend
    return backend
