"""Turns what the user logs into run-log records (the server's wire format,
``lib/runs/schemas.ts``), checking on the spot what is cheap to check so a bad
value raises at the call that logged it, naming the field. The server checks
everything again; what it refuses comes back as a ParetoStudioError.
"""
from __future__ import annotations

import math
import numbers
from typing import Any, Dict, List, Mapping, Optional, Sequence

MAX_STEP = 2_147_483_647

#: ``run.log`` keys stored in their own columns; every other key is an
#: objective mean (when it names an objective) or goes to ``extra``.
NUMBER_COLUMNS = {"hypervolume": "hypervolume", "loss": "loss", "kl": "kl", "entropy": "entropy", "wall_time": "wallTime"}


def as_number(value: Any, field: str) -> float:
    """A finite float from int/float/numpy scalar/0-d tensor (anything with ``.item()``)."""
    if hasattr(value, "item") and not isinstance(value, (int, float)):
        try:
            value = value.item()
        except (TypeError, ValueError) as err:
            raise ValueError(f"{field}: must be a number, got {type(value).__name__} ({err})") from None
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{field}: must be a number, got {type(value).__name__} {value!r:.60}")
    f = float(value)
    if not math.isfinite(f):
        raise ValueError(f"{field}: must be finite, got {f}")
    return f


def as_step(step: Any, field: str = "step") -> int:
    if hasattr(step, "item") and not isinstance(step, int):
        step = step.item()
    if isinstance(step, bool) or not isinstance(step, numbers.Integral) or not 0 <= int(step) <= MAX_STEP:
        raise ValueError(f"{field}: must be an integer from 0 to {MAX_STEP}, got {step!r}")
    return int(step)


def as_json(value: Any, field: str, depth: int = 0) -> Any:
    """A JSON value with finite numbers only (``extra`` fields)."""
    if depth > 32:
        raise ValueError(f"{field}: nested more than 32 levels")
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, Mapping):
        out = {}
        for k, v in value.items():
            if not isinstance(k, str):
                raise ValueError(f"{field}: keys must be strings, got {k!r}")
            out[k] = as_json(v, f"{field}.{k}", depth + 1)
        return out
    if isinstance(value, (list, tuple)):
        return [as_json(v, f"{field}[{i}]", depth + 1) for i, v in enumerate(value)]
    return as_number(value, field)


def objective_vector(value: Any, names: Sequence[str], field: str) -> List[float]:
    """A vector in the run's objective order, from a sequence or a ``{name: value}`` mapping."""
    if isinstance(value, Mapping):
        unknown = [k for k in value if k not in names]
        if unknown:
            raise ValueError(f"{field}.{unknown[0]}: not an objective of this run ({', '.join(names)})")
        missing = [n for n in names if n not in value]
        if missing:
            raise ValueError(f"{field}.{missing[0]}: missing; this run has objectives {', '.join(names)}")
        return [as_number(value[n], f"{field}.{n}") for n in names]
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        if hasattr(value, "tolist"):
            return objective_vector(value.tolist(), names, field)
        raise ValueError(f"{field}: must be a list of {len(names)} numbers or a dict by objective name")
    if len(value) != len(names):
        raise ValueError(f"{field}: has {len(value)} values; this run has {len(names)} objectives ({', '.join(names)})")
    return [as_number(v, f"{field}[{i}]") for i, v in enumerate(value)]


def step_fields(metrics: Mapping[str, Any], names: Sequence[str], step: int) -> Dict[str, Any]:
    """The fields of one step record from ``run.log(step, **metrics)`` keyword arguments."""
    rec: Dict[str, Any] = {}
    means: Dict[str, float] = {}
    extra: Dict[str, Any] = {}
    for key, value in metrics.items():
        field = f"log(step={step}).{key}"
        if key in names:
            means[key] = as_number(value, field)
        elif key in NUMBER_COLUMNS:
            f = as_number(value, field)
            if key == "wall_time" and f < 0:
                raise ValueError(f"{field}: must be ≥ 0 (seconds since the run started)")
            rec[NUMBER_COLUMNS[key]] = f
        elif key == "stage":
            if isinstance(value, bool) or not isinstance(value, numbers.Integral) or not 0 <= int(value) <= 16:
                raise ValueError(f"{field}: must be an integer from 0 to 16, got {value!r}")
            rec["stage"] = int(value)
        elif key == "weights":
            if isinstance(value, Mapping):
                rec["weights"] = objective_vector(value, names, field)
            else:
                rec["weights"] = objective_vector(list(value) if not isinstance(value, (str, bytes)) else value, names, field)
        elif key == "objective_means":
            if not isinstance(value, Mapping):
                raise ValueError(f"{field}: must be a dict by objective name")
            for k, v in value.items():
                if k not in names:
                    raise ValueError(f"{field}.{k}: not an objective of this run ({', '.join(names)})")
                means[k] = as_number(v, f"{field}.{k}")
        else:
            extra[key] = as_json(value, field)
    if means:
        rec["objectiveMeans"] = means
    if extra:
        rec["extra"] = extra
    return rec


def merge_step(into: Dict[str, Any], fields: Mapping[str, Any]) -> None:
    """Later values win; objective means and extras merge key by key."""
    for k, v in fields.items():
        if k in ("objectiveMeans", "extra") and k in into:
            into[k] = {**into[k], **v}
        else:
            into[k] = v


def eval_points(step: int, objectives: Any, names: Sequence[str], split: str, extra: Optional[Mapping[str, Any]]) -> List[Dict[str, Any]]:
    """One point (a vector or a mapping) or several (a list of them)."""
    if not isinstance(split, str) or not 1 <= len(split) <= 32:
        raise ValueError(f"log_eval(step={step}).split: must be 1-32 characters, got {split!r}")
    if hasattr(objectives, "tolist"):
        objectives = objectives.tolist()
    several = isinstance(objectives, Sequence) and not isinstance(objectives, (str, bytes)) and len(objectives) > 0 and all(
        isinstance(p, Mapping) or (isinstance(p, Sequence) and not isinstance(p, (str, bytes))) or hasattr(p, "tolist") for p in objectives
    )
    points = list(objectives) if several else [objectives]
    out = []
    for i, p in enumerate(points):
        field = f"log_eval(step={step}).objectives" + (f"[{i}]" if several else "")
        rec: Dict[str, Any] = {"step": step, "split": split, "objectives": objective_vector(p, names, field)}
        if extra is not None:
            rec["extra"] = as_json(extra, f"log_eval(step={step}).extra")
        out.append(rec)
    return out


_TRAJ_KEYS = {"prompt", "tokens", "objectives", "group", "index", "split", "rank", "advantage", "reward"}


def trajectory(step: int, i: int, t: Mapping[str, Any], names: Sequence[str]) -> Dict[str, Any]:
    field = f"log_trajectories(step={step})[{i}]"
    if not isinstance(t, Mapping):
        raise ValueError(f"{field}: must be a dict with prompt, tokens, objectives")
    unknown = sorted(set(t) - _TRAJ_KEYS)
    if unknown:
        raise ValueError(f"{field}.{unknown[0]}: unknown key; valid: {', '.join(sorted(_TRAJ_KEYS))}")
    if "objectives" not in t:
        raise ValueError(f"{field}.objectives: missing")
    prompt = t.get("prompt", "")
    if not isinstance(prompt, str):
        raise ValueError(f"{field}.prompt: must be a string")
    tokens_in = t.get("tokens", [])
    if isinstance(tokens_in, str):
        tokens_in = [("answer", tokens_in)]
    tokens = []
    for j, seg in enumerate(tokens_in):
        if isinstance(seg, Mapping):
            kind, text = seg.get("kind"), seg.get("text")
        elif isinstance(seg, Sequence) and not isinstance(seg, str) and len(seg) == 2:
            kind, text = seg
        else:
            raise ValueError(f"{field}.tokens[{j}]: must be (kind, text) or {{'kind': ..., 'text': ...}}")
        if not isinstance(text, str):
            raise ValueError(f"{field}.tokens[{j}].text: must be a string")
        tokens.append({"kind": kind, "text": text})
    rec: Dict[str, Any] = {
        "step": step,
        "group": int(as_step(t.get("group", 0), f"{field}.group")),
        "index": int(as_step(t.get("index", i), f"{field}.index")),
        "split": t.get("split", "train"),
        "prompt": prompt,
        "tokens": tokens,
        "objectives": objective_vector(t["objectives"], names, f"{field}.objectives"),
    }
    if t.get("rank") is not None:
        rec["rank"] = as_step(t["rank"], f"{field}.rank")
    for k in ("advantage", "reward"):
        if t.get(k) is not None:
            rec[k] = as_number(t[k], f"{field}.{k}")
    return rec
