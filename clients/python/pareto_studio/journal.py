"""The run's local append-only journal, ``DIR/<run id>/journal.jsonl``.

Every record is written here before it is sent (like wandb's local run
files), so nothing is lost when the server or the process goes away. One JSON
object per line:

  {"type": "run", "id": "run", "body": {...POST /api/runs body...}}
  {"type": "batch", "id": BATCH_ID, "kind": "steps"|"eval-points"|"trajectories", "records": [...]}
  {"type": "finish", "id": "finish:SESSION", "body": {"status": ...}}
  {"type": "ack", "id": ID, "applied": true|false}          the server stored it (false: it already had it)
  {"type": "refused", "id": ID, "status": 422, "error": "records[0].tokens[0].kind: ..."}

``python -m pareto_studio sync DIR`` sends, in order, every item that has
neither an ack nor a refusal, with its original batch id: the server applies a
batch id at most once, so syncing twice (or after a crash) duplicates nothing.
"""
from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass, field
from typing import Any, Dict, List

FILE = "journal.jsonl"


class Journal:
    def __init__(self, directory: str) -> None:
        os.makedirs(directory, exist_ok=True)
        self.dir = directory
        self.path = os.path.join(directory, FILE)
        self._lock = threading.Lock()
        self._fh = open(self.path, "a", encoding="utf-8")
        if self._fh.tell() > 0:
            with open(self.path, "rb") as fh:
                fh.seek(-1, os.SEEK_END)
                if fh.read(1) != b"\n":  # a line torn by a crash: start a fresh one
                    self._fh.write("\n")

    def append(self, entry: Dict[str, Any]) -> None:
        line = json.dumps(entry, allow_nan=False, separators=(",", ":"))
        with self._lock:
            self._fh.write(line + "\n")
            self._fh.flush()

    def close(self) -> None:
        with self._lock:
            if not self._fh.closed:
                self._fh.close()


@dataclass
class JournalState:
    items: List[Dict[str, Any]] = field(default_factory=list)
    acked: Dict[str, bool] = field(default_factory=dict)
    refused: Dict[str, Dict[str, Any]] = field(default_factory=dict)

    @property
    def run_id(self) -> str:
        return str(self.items[0]["body"]["id"])

    def pending(self) -> List[Dict[str, Any]]:
        return [i for i in self.items if i["id"] not in self.acked and i["id"] not in self.refused]


def read_journal(directory: str) -> JournalState:
    """Parses a run's journal; a line torn by a crash mid-write is skipped (every item
    is on its own line, so the others stand)."""
    state = JournalState()
    with open(os.path.join(directory, FILE), encoding="utf-8") as fh:
        lines = fh.read().split("\n")
    for n, line in enumerate(lines):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        kind = entry.get("type")
        if kind in ("run", "batch", "finish"):
            state.items.append(entry)
        elif kind == "ack":
            state.acked[entry["id"]] = bool(entry.get("applied"))
        elif kind == "refused":
            state.refused[entry["id"]] = entry
    if not state.items or state.items[0].get("type") != "run":
        raise ValueError(f"{directory}: the journal does not start with the run")
    return state


def item_request(run_id: str, item: Dict[str, Any]) -> "tuple[str, Dict[str, Any]]":
    """The POST path and body that deliver one journal item."""
    if item["type"] == "run":
        return "/api/runs", item["body"]
    if item["type"] == "batch":
        return f"/api/runs/{run_id}/{item['kind']}", {"batchId": item["id"], "records": item["records"]}
    return f"/api/runs/{run_id}/finish", item["body"]
