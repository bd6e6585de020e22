"""Objective definitions: ``("accuracy", "max", 1)`` or ``{"name": ..., "direction": ..., "reference": ...}``."""
from __future__ import annotations

import math
import re
from typing import Any, Dict, List, Mapping, Sequence, Tuple, Union

ObjectiveSpec = Union[Tuple[str, str, float], Sequence[Any], Mapping[str, Any]]

_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,63}$")
_DIRECTIONS = {"max": "maximize", "maximize": "maximize", "min": "minimize", "minimize": "minimize"}


def parse_objectives(specs: Sequence[ObjectiveSpec]) -> List[Dict[str, Any]]:
    """Validates objective specs and returns the run log's ``ObjectiveDef`` dicts.

    Raises ValueError naming the field (``objectives[1].direction: ...``).
    """
    if isinstance(specs, (str, bytes)) or not isinstance(specs, Sequence):
        raise ValueError("objectives: must be a list like [('accuracy', 'max', 1), ('tool_calls', 'min', 3)]")
    if not 2 <= len(specs) <= 16:
        raise ValueError(f"objectives: a run has 2 to 16 objectives, got {len(specs)}")
    out: List[Dict[str, Any]] = []
    seen = set()
    for i, spec in enumerate(specs):
        where = f"objectives[{i}]"
        if isinstance(spec, Mapping):
            name, direction, reference = spec.get("name"), spec.get("direction"), spec.get("reference")
        elif isinstance(spec, Sequence) and not isinstance(spec, (str, bytes)) and len(spec) == 3:
            name, direction, reference = spec
        else:
            raise ValueError(f"{where}: must be (name, 'max'|'min', reference) or a dict with name, direction, reference")
        if not isinstance(name, str) or not _NAME.match(name):
            raise ValueError(f"{where}.name: must be a letter then letters, digits or _ (max 64), got {name!r}")
        if name in seen:
            raise ValueError(f"{where}.name: duplicate objective {name!r}")
        seen.add(name)
        if not isinstance(direction, str) or direction.lower() not in _DIRECTIONS:
            raise ValueError(f"{where}.direction: must be 'max' or 'min' ('maximize'/'minimize'), got {direction!r}")
        if isinstance(reference, bool) or not isinstance(reference, (int, float)) or not math.isfinite(float(reference)):
            raise ValueError(f"{where}.reference: must be a finite number (the worst acceptable value), got {reference!r}")
        out.append({"name": name, "direction": _DIRECTIONS[direction.lower()], "reference": float(reference)})
    return out
