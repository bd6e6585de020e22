"""Pareto Studio client: log runs trained anywhere to a Pareto Studio dashboard.

    import pareto_studio
    with pareto_studio.init(name="my run", objectives=[("accuracy", "max", 0), ("tool_calls", "min", 4)]) as run:
        for step in range(100):
            ...
            run.log(step, accuracy=acc, tool_calls=calls, loss=loss)
            run.log_eval(step, {"accuracy": 0.8, "tool_calls": 1.2})

Standard library only. Server and token come from ``url=``/``token=`` or
``PARETO_STUDIO_URL``/``PARETO_STUDIO_TOKEN``.
"""
from __future__ import annotations

from typing import Any, Mapping, Optional, Sequence

from .errors import ParetoStudioError, ServerUnreachable
from .objectives import ObjectiveSpec
from .run import Run

__version__ = "0.1.0"
__all__ = ["init", "Run", "ParetoStudioError", "ServerUnreachable", "__version__"]


def init(
    *,
    name: str,
    objectives: Sequence[ObjectiveSpec],
    config: Optional[Mapping[str, Any]] = None,
    tags: Sequence[str] = (),
    experiment: Optional[str] = None,
    notes: Optional[str] = None,
    environment: str = "custom",
    algorithm: str = "custom",
    seed: int = 0,
    total_steps: Optional[int] = None,
    id: Optional[str] = None,
    url: Optional[str] = None,
    token: Optional[str] = None,
    mode: Optional[str] = None,
    dir: Optional[str] = None,
    flush_every: int = 100,
    flush_interval: float = 2.0,
    finish_timeout: float = 120.0,
    init_timeout: float = 5.0,
    retry_max_delay: float = 10.0,
    request_timeout: float = 30.0,
    quiet: bool = False,
) -> Run:
    """Creates a run on the server (or offline, when it can't be reached) and returns it.

    ``objectives``: ``[(name, "max"|"min", reference), ...]`` (reference: the worst
    acceptable value, used for hypervolume). ``id``: resume / create idempotently.
    ``url``/``token`` default to ``$PARETO_STUDIO_URL``/``$PARETO_STUDIO_TOKEN``; the token
    is sent as ``Authorization: Bearer``. ``mode``: "online" (default, falls back to
    offline when the server can't be reached within ``init_timeout`` s) or "offline"
    (``$PARETO_STUDIO_MODE``). ``dir``: where the local journal goes (default
    ``./pareto-studio-runs``, ``$PARETO_STUDIO_DIR``). Batches are sealed every
    ``flush_every`` records or ``flush_interval`` seconds; ``finish()`` waits at most
    ``finish_timeout`` s for the server.
    """
    return Run(
        name=name, objectives=objectives, config=config, tags=tags, experiment=experiment, notes=notes,
        environment=environment, algorithm=algorithm, seed=seed, total_steps=total_steps, id=id, url=url,
        token=token, mode=mode, dir=dir, flush_every=flush_every, flush_interval=flush_interval,
        finish_timeout=finish_timeout, init_timeout=init_timeout, retry_max_delay=retry_max_delay,
        request_timeout=request_timeout, quiet=quiet,
    )
