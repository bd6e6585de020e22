"""Shared by the integrations: picking objective values and step columns out of a
framework's flat metrics dict."""
from __future__ import annotations

import math
import numbers
import warnings
from typing import Any, Dict, Iterable, Mapping, Optional, Sequence, Set


def scalar(value: Any) -> Optional[float]:
    """A finite float, or None for anything else (strings, NaN, tensors with many values)."""
    if hasattr(value, "item") and not isinstance(value, (int, float)):
        try:
            value = value.item()
        except (TypeError, ValueError):
            return None
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return None
    f = float(value)
    return f if math.isfinite(f) else None


def first_key(metrics: Mapping[str, Any], candidates: Iterable[str]) -> Optional[str]:
    for key in candidates:
        if key in metrics and scalar(metrics[key]) is not None:
            return key
    return None


class Once:
    """Warns once per message key (a training loop would repeat it every step)."""

    def __init__(self) -> None:
        self._seen: Set[str] = set()

    def warn(self, key: str, message: str) -> None:
        if key not in self._seen:
            self._seen.add(key)
            warnings.warn(message, RuntimeWarning, stacklevel=3)


def split_metrics(
    metrics: Mapping[str, Any],
    names: Sequence[str],
    mean_keys: Mapping[str, Sequence[str]],
    columns: Mapping[str, Sequence[str]],
    skip: Iterable[str] = (),
) -> Dict[str, Any]:
    """``run.log`` keyword arguments: objective means, step columns, the rest as extras
    (numbers only; non-finite values are dropped so a NaN never stops training)."""
    out: Dict[str, Any] = {}
    used = set(skip)
    for name in names:
        key = first_key(metrics, mean_keys[name])
        if key is not None:
            out[name] = scalar(metrics[key])
            used.add(key)
    for column, candidates in columns.items():
        key = first_key(metrics, candidates)
        if key is not None:
            out[column] = scalar(metrics[key])
            used.add(key)
    for key, value in metrics.items():
        if key in used or key in out:
            continue
        v = scalar(value)
        if v is not None:
            out[key] = v
    return out
