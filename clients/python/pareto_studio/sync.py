"""``python -m pareto_studio sync DIR``: uploads runs logged offline (or whose
upload was cut short), idempotently, like ``wandb sync``.

DIR is one run's folder (it holds ``journal.jsonl``) or a folder of them.
Items already acknowledged are skipped; the others are sent in their original
order with their original batch ids, so a batch the server already applied is
not applied again (it answers ``applied: false``).
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from typing import List, Optional

from .errors import ParetoStudioError, ServerUnreachable
from .journal import FILE, Journal, item_request, read_journal
from .transport import ServerError, Transport, deadline_passed


@dataclass
class SyncResult:
    dir: str
    run_id: str
    sent: int = 0
    already_there: int = 0
    errors: List[str] = field(default_factory=list)
    unreachable: Optional[str] = None

    @property
    def ok(self) -> bool:
        return not self.errors and self.unreachable is None


def run_dirs(path: str) -> List[str]:
    if os.path.isfile(os.path.join(path, FILE)):
        return [path]
    if not os.path.isdir(path):
        raise FileNotFoundError(f"{path}: no such folder")
    found = sorted(os.path.join(path, d) for d in os.listdir(path) if os.path.isfile(os.path.join(path, d, FILE)))
    if not found:
        raise FileNotFoundError(f"{path}: no run journal ({FILE}) here or in its sub-folders")
    return found


def sync_run(directory: str, transport: Transport, timeout: float = 60.0) -> SyncResult:
    """Sends one run's unacknowledged journal items; stops at the first item the
    server cannot take (later items depend on order: the run must exist first)."""
    state = read_journal(directory)
    result = SyncResult(directory, state.run_id)
    pending = state.pending()
    if not pending:
        return result
    journal = Journal(directory)
    try:
        for item in pending:
            path, body = item_request(state.run_id, item)
            deadline = time.monotonic() + timeout
            try:
                res = transport.post_with_retries(path, body, give_up=lambda: deadline_passed(deadline), wait=time.sleep, max_delay=5.0)
            except (ServerUnreachable, ServerError) as err:  # not a refusal: stays pending for the next sync
                result.unreachable = str(err)
                break
            except ParetoStudioError as err:
                journal.append({"type": "refused", "id": item["id"], "status": err.status, "error": str(err)})
                result.errors.append(f"{item['id']}: {err}")
                if item["type"] == "run":
                    break
                continue
            applied = bool(res.get("applied", True)) if item["type"] == "batch" else True
            journal.append({"type": "ack", "id": item["id"], "applied": applied})
            if applied:
                result.sent += 1
            else:
                result.already_there += 1
    finally:
        journal.close()
    return result


def sync(path: str, url: str, token: Optional[str] = None, timeout: float = 60.0) -> List[SyncResult]:
    transport = Transport(url, token)
    return [sync_run(d, transport, timeout) for d in run_dirs(path)]
