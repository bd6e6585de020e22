"""A run logged to Pareto Studio from Python.

``log``, ``log_eval`` and ``log_trajectories`` only queue records: a
background thread seals them into batches (every ``flush_every`` records or
``flush_interval`` seconds), writes each batch to the local journal, and POSTs
it with retries and backoff, keeping its batch id. A step's metrics stay open
(later ``log`` calls for the same step merge into it) until a later step is
logged, ``flush()`` or ``finish()``: the server stores one row per step.
"""
from __future__ import annotations

import atexit
import collections
import os
import secrets
import sys
import threading
import time
import traceback
from typing import Any, Deque, Dict, List, Literal, Mapping, Optional, Sequence, Set

from . import records as R
from .errors import ParetoStudioError, ServerUnreachable
from .journal import Journal, item_request
from .objectives import ObjectiveSpec, parse_objectives
from .transport import ServerError, Transport, deadline_passed

DEFAULT_URL = "http://localhost:3000"
DEFAULT_DIR = "pareto-studio-runs"
MAX_BATCH_RECORDS = 1000
MAX_BATCH_BYTES = 2_000_000
KINDS = ("steps", "eval-points", "trajectories")


def new_run_id() -> str:
    """Time-ordered like the server's ids (base-36 milliseconds, then random hex)."""
    ms = int(time.time() * 1000)
    digits = ""
    while ms:
        ms, r = divmod(ms, 36)
        digits = "0123456789abcdefghijklmnopqrstuvwxyz"[r] + digits
    return f"py_{digits.rjust(9, '0')}{secrets.token_hex(6)}"


def _log(message: str) -> None:
    print(f"pareto_studio: {message}", file=sys.stderr, flush=True)


class Run:
    """Use :func:`pareto_studio.init` to make one."""

    def __init__(
        self,
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
    ) -> None:
        self.objectives = parse_objectives(objectives)
        self.objective_names: List[str] = [o["name"] for o in self.objectives]
        if not isinstance(name, str) or not 1 <= len(name) <= 200:
            raise ValueError(f"name: must be 1-200 characters, got {name!r}")
        for i, tag in enumerate(tags):
            if not isinstance(tag, str) or not 1 <= len(tag) <= 64 or any(c.isspace() or c == "," for c in tag):
                raise ValueError(f"tags[{i}]: must be 1-64 characters without spaces or commas, got {tag!r}")
        if flush_every < 1 or flush_interval <= 0:
            raise ValueError("flush_every must be ≥ 1 and flush_interval > 0")
        self.mode = (mode or os.environ.get("PARETO_STUDIO_MODE") or "online").lower()
        if self.mode not in ("online", "offline"):
            raise ValueError(f"mode: must be 'online' or 'offline', got {self.mode!r}")
        self.id = id or new_run_id()
        self.name = name
        self.url = (url or os.environ.get("PARETO_STUDIO_URL") or DEFAULT_URL).rstrip("/")
        self.dir = os.path.abspath(os.path.join(dir or os.environ.get("PARETO_STUDIO_DIR") or DEFAULT_DIR, self.id))
        self.flush_every = flush_every
        self.flush_interval = flush_interval
        self.finish_timeout = finish_timeout
        self.retry_max_delay = retry_max_delay
        self.quiet = quiet
        self._transport = Transport(self.url, token if token is not None else os.environ.get("PARETO_STUDIO_TOKEN"), request_timeout)
        self._session = secrets.token_hex(4)
        self._seq = 0
        self._t0 = time.time()

        self._lock = threading.RLock()
        self._drained = threading.Condition(self._lock)
        self._wake = threading.Event()
        self._interrupt = threading.Event()
        self._steps: Dict[int, Dict[str, Any]] = {}  # not yet sealed, by step
        self._open_step = -1
        self._sealed_steps: Set[int] = set()
        self._pending: Dict[str, List[Dict[str, Any]]] = {"eval-points": [], "trajectories": []}
        self._pending_count = 0
        self._queue: Deque[Dict[str, Any]] = collections.deque()
        self._errors: List[ParetoStudioError] = []
        self._left_for_sync: List[str] = []  # batch ids the server kept failing on
        self._stopping = False
        self._deadline: Optional[float] = None
        self._finished = False
        self._uncaught: Optional[str] = None
        self._thread: Optional[threading.Thread] = None

        body: Dict[str, Any] = {
            "id": self.id,
            "name": name,
            "environment": environment,
            "algorithm": algorithm,
            "seed": int(seed),
            "objectives": self.objectives,
            "config": R.as_json(dict(config or {}), "config"),
            "tags": list(tags),
            "source": "external",
            "status": "running",
        }
        if experiment is not None:
            body["experiment"] = experiment
        if notes is not None:
            body["notes"] = notes
        if total_steps is not None:
            body["totalSteps"] = int(total_steps)
        self._journal = Journal(self.dir)
        run_item = {"type": "run", "id": "run", "body": body}
        self._journal.append(run_item)

        if self.mode == "online":
            deadline = time.monotonic() + init_timeout
            try:
                res = self._transport.post_with_retries(
                    "/api/runs", body, give_up=lambda: deadline_passed(deadline),
                    wait=lambda s: time.sleep(max(0.0, min(s, deadline - time.monotonic()))), max_delay=1.0,
                )
                self._journal.append({"type": "ack", "id": "run", "applied": True})
                self.id = str(res.get("run", {}).get("id", self.id))
            except ParetoStudioError as err:
                self._journal.append({"type": "refused", "id": "run", "status": err.status, "error": str(err)})
                self._journal.close()
                hint = " (set PARETO_STUDIO_TOKEN or token= to a writer token)" if err.status in (401, 403) else ""
                raise ParetoStudioError(f"the server refused the run: {err}{hint}", err.status, err.field) from None
            except ServerUnreachable as err:
                self.mode = "offline"
                self._say(f"{self.url} cannot be reached ({err}); logging offline to {self.dir}. "
                          f"Upload later with: python -m pareto_studio sync {self.dir}")
            else:
                self._say(f"run {self.id} → {self.url}/runs/{self.id}")
                self._thread = threading.Thread(target=self._sender, name=f"pareto-studio-{self.id}", daemon=True)
                self._thread.start()
        else:
            self._say(f"offline run {self.id} in {self.dir}; upload with: python -m pareto_studio sync {self.dir}")
        self._prev_excepthook = sys.excepthook
        sys.excepthook = self._excepthook
        atexit.register(self._atexit)

    # ---- public API -----------------------------------------------------------

    @property
    def offline(self) -> bool:
        return self.mode == "offline"

    @property
    def dashboard_url(self) -> str:
        return f"{self.url}/runs/{self.id}"

    def log(self, step: int, **metrics: Any) -> None:
        """Logs metrics of one training step.

        Keys named like an objective are that objective's mean over the step's
        rollouts; ``hypervolume``, ``loss``, ``kl``, ``entropy``, ``stage``,
        ``weights`` (one per objective) and ``wall_time`` (seconds; default: since
        init) have their own columns; anything else (rewards, learning rate…) is
        kept in the step's ``extra``.
        """
        step = R.as_step(step)
        fields = R.step_fields(metrics, self.objective_names, step)
        with self._lock:
            self._check_open()
            if step in self._sealed_steps:
                raise ValueError(f"step {step}: already sent; log all of a step's metrics before moving past it (or before flush())")
            rec = self._steps.get(step)
            if rec is None:
                rec = self._steps[step] = {"step": step, "wallTime": round(time.time() - self._t0, 6)}
                if step < self._open_step:
                    self._pending_count += 1
            R.merge_step(rec, fields)
            if step > self._open_step:
                if self._open_step >= 0 and self._open_step in self._steps:
                    self._pending_count += 1  # the previous open step is now complete
                self._open_step = step
            self._after_add()
        self._raise_deferred()  # an earlier batch refused: said now, this call's data is kept

    def log_eval(self, step: int, objectives: Any, split: str = "test", extra: Optional[Mapping[str, Any]] = None) -> None:
        """Logs evaluation points: one objective vector (list in the run's order, or
        ``{name: value}``) or a list of them (e.g. one per policy on the front)."""
        step = R.as_step(step)
        points = R.eval_points(step, objectives, self.objective_names, split, extra)
        self._enqueue("eval-points", points)

    def log_trajectories(self, step: int, trajectories: Sequence[Mapping[str, Any]]) -> None:
        """Logs rollouts: dicts with ``prompt``, ``tokens`` ((kind, text) pairs with kind
        text|call|tool|answer), ``objectives``, and optional ``group``, ``index``
        (default: position), ``split`` (train|eval), ``rank``, ``advantage``, ``reward``."""
        step = R.as_step(step)
        recs = [R.trajectory(step, i, t, self.objective_names) for i, t in enumerate(trajectories)]
        self._enqueue("trajectories", recs)

    def _enqueue(self, kind: str, records: List[Dict[str, Any]]) -> None:
        """Queues validated records of one kind for the sender thread."""
        with self._lock:
            self._check_open()
            self._pending[kind].extend(records)
            self._pending_count += len(records)
            self._after_add()
        self._raise_deferred()  # an earlier batch refused: said now, this call's data is kept

    def flush(self, timeout: Optional[float] = None) -> bool:
        """Seals everything logged so far (the open step included) and waits until the
        server has it. Returns False if ``timeout`` passed first; raises
        ParetoStudioError if the server refused a batch."""
        with self._lock:
            self._check_open()
            self._seal(include_open=True)
        ok = self._wait_drained(timeout)
        self._raise_deferred()
        return ok

    def finish(self, status: str = "finished", error: Optional[str] = None) -> None:
        """Ends the run (``finished``, ``failed`` with ``error``, or ``cancelled``) after
        delivering everything; waits at most ``finish_timeout`` seconds for the server,
        then leaves the rest in the journal for ``python -m pareto_studio sync``."""
        if status not in ("finished", "failed", "cancelled"):
            raise ValueError(f"status: must be finished, failed or cancelled, got {status!r}")
        with self._lock:
            if self._finished:
                return
            self._finished = True
            self._seal(include_open=True)
            body: Dict[str, Any] = {"status": status}
            if status == "failed":
                body["error"] = (error or "failed")[:20_000]
            item = {"type": "finish", "id": f"finish:{self._session}", "body": body}
            self._journal.append(item)
            if self.mode == "online":
                self._queue.append(item)
            self._stopping = True
            self._deadline = time.monotonic() + self.finish_timeout
        self._interrupt.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join()
        self._journal.close()
        sys.excepthook = self._prev_excepthook
        atexit.unregister(self._atexit)
        left = len(self._queue)
        if self.mode == "offline":
            self._say(f"run {self.id} saved offline in {self.dir}; upload with: python -m pareto_studio sync {self.dir}")
        elif left:
            self._say(f"{left} item(s) of run {self.id} did not reach {self.url}; they are saved in {self.dir}. "
                      f"Upload them with: python -m pareto_studio sync {self.dir}")
        self._raise_deferred()

    def __enter__(self) -> "Run":
        return self

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> Literal[False]:
        if exc_type is None:
            self.finish()
        elif issubclass(exc_type, KeyboardInterrupt):
            self.finish("cancelled")
        else:
            text = "".join(traceback.format_exception(exc_type, exc, tb))
            try:
                self.finish("failed", text[-20_000:])
            except ParetoStudioError as err:  # don't hide the user's exception
                self._say(f"while marking the run failed: {err}")
        return False

    # ---- internals ------------------------------------------------------------

    def _say(self, message: str) -> None:
        if not self.quiet:
            _log(message)

    def _check_open(self) -> None:
        if self._finished:
            raise ParetoStudioError(f"run {self.id} is finished; it takes no more data")

    def _raise_deferred(self) -> None:
        with self._lock:
            if not self._errors:
                return
            first, more = self._errors[0], len(self._errors) - 1
            self._errors = []
        suffix = f" (and {more} more refused batch{'es' if more > 1 else ''})" if more else ""
        raise ParetoStudioError(f"{first}{suffix}", first.status, first.field)

    def _after_add(self) -> None:
        if self._pending_count >= self.flush_every:
            self._seal(include_open=False)
            self._wake.set()

    def _seal(self, include_open: bool) -> None:
        """Moves queued records into journaled batches on the send queue (lock held)."""
        steps = sorted(s for s in self._steps if include_open or s < self._open_step)
        groups = {"steps": [self._steps.pop(s) for s in steps], **self._pending}
        self._sealed_steps.update(steps)
        self._pending = {"eval-points": [], "trajectories": []}
        self._pending_count = 0  # the open step, if kept, is not counted until a later step closes it
        for kind in KINDS:
            recs = groups[kind]
            start = 0
            while start < len(recs):
                end, size = start, 0
                while end < len(recs) and end - start < MAX_BATCH_RECORDS:
                    size += len(str(recs[end]))
                    if size > MAX_BATCH_BYTES and end > start:
                        break
                    end += 1
                self._seq += 1
                item = {"type": "batch", "id": f"{self._session}:{kind}:{self._seq}", "kind": kind, "records": recs[start:end]}
                self._journal.append(item)
                if self.mode == "online":
                    self._queue.append(item)
                start = end

    def _wait_drained(self, timeout: Optional[float]) -> bool:
        if self._thread is None:
            return not self._queue
        self._wake.set()
        end = None if timeout is None else time.monotonic() + timeout
        with self._drained:
            while self._queue and self._thread.is_alive():
                remaining = None if end is None else end - time.monotonic()
                if remaining is not None and remaining <= 0:
                    return False
                self._drained.wait(remaining if remaining is not None else 1.0)
            return not self._queue

    def _give_up(self) -> bool:
        return self._stopping and deadline_passed(self._deadline)

    def _retry_wait(self, seconds: float) -> None:
        if self._deadline is not None:
            seconds = max(0.0, min(seconds, self._deadline - time.monotonic()))
        self._interrupt.wait(seconds)
        self._interrupt.clear()

    def _sender(self) -> None:
        try:
            self._send_loop()
        except BaseException as err:  # a bug or a full disk: say so, never leave flush() waiting
            with self._lock:
                self._errors.append(ParetoStudioError(f"the upload thread stopped: {err!r}; the journal in {self.dir} can be synced"))
                self._queue.clear()
                self._drained.notify_all()

    def _send_loop(self) -> None:
        while True:
            self._wake.wait(self.flush_interval)
            self._wake.clear()
            with self._lock:
                if not self._stopping:
                    self._seal(include_open=False)
            self._drain()
            if self._stopping:
                return

    def _drain(self) -> bool:
        """Sends the queue in order; False if the server stayed unreachable until giving up."""
        while True:
            with self._lock:
                if not self._queue:
                    self._drained.notify_all()
                    return True
                item = self._queue[0]
                if item["type"] == "finish" and self._left_for_sync:
                    # finishing would make the server refuse the kept batches: leave the
                    # finish in the journal too, after them, for sync to send
                    self._errors.append(ParetoStudioError(
                        f"run {self.id} stays running on the server until {len(self._left_for_sync)} kept batch(es) are delivered: "
                        f"python -m pareto_studio sync {self.dir}"))
                    self._queue.popleft()
                    continue
            path, body = item_request(self.id, item)
            try:
                res = self._transport.post_with_retries(
                    path, body, give_up=self._give_up, wait=self._retry_wait, max_delay=self.retry_max_delay,
                )
                self._journal.append({"type": "ack", "id": item["id"], "applied": bool(res.get("applied", True))})
            except ServerUnreachable:
                return False
            except ServerError as err:  # not a refusal: left un-acknowledged for sync
                with self._lock:
                    self._left_for_sync.append(item["id"])
                    self._errors.append(ParetoStudioError(
                        f"the server failed on {item['id']}: {err}; it is kept in {self.dir} for: python -m pareto_studio sync {self.dir}",
                        err.status))
            except ParetoStudioError as err:
                self._journal.append({"type": "refused", "id": item["id"], "status": err.status, "error": str(err)})
                with self._lock:
                    self._errors.append(_refusal(item, err))
            with self._lock:
                self._queue.popleft()
                self._drained.notify_all()

    def _excepthook(self, exc_type: Any, exc: Any, tb: Any) -> None:
        self._uncaught = "".join(traceback.format_exception(exc_type, exc, tb))
        self._prev_excepthook(exc_type, exc, tb)

    def _atexit(self) -> None:
        if self._finished:
            return
        try:
            if self._uncaught:
                self.finish("failed", self._uncaught[-20_000:])
            else:
                self.finish()
        except ParetoStudioError as err:
            _log(str(err))


def _refusal(item: Dict[str, Any], err: ParetoStudioError) -> ParetoStudioError:
    """Names the batch, and the step of the record the server's message points at."""
    if item["type"] == "finish":
        return ParetoStudioError(f"the server refused to finish the run: {err}", err.status, err.field)
    what = f"a {item['kind']} batch of {len(item['records'])} record(s), not stored"
    where = ""
    if err.field and err.field.startswith("records["):
        try:
            i = int(err.field[len("records["):err.field.index("]")])
            where = f" (records[{i}] is step {item['records'][i]['step']})"
        except (ValueError, IndexError, KeyError):
            pass
    return ParetoStudioError(f"the server refused {what}: {err}{where}", err.status, err.field)
