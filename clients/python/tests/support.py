"""Shared by the client tests: the server under test comes from the environment.

  PARETO_STUDIO_URL      a running Pareto Studio (tests/python/python-client.test.ts starts
                         `next start` on SQLite and on PostgreSQL and sets it)
  PARETO_STUDIO_TOKEN    sent as a Bearer token when set (team mode)
  PARETO_STUDIO_TEST_CONTROL  optional: the harness's control endpoint (POST /kill, POST /start)
                         used by the kill-and-restart test; without it that test is skipped
"""
from __future__ import annotations

import http.server
import json
import os
import threading
import shutil
import sys
import tempfile
import unittest
import urllib.error
import urllib.request
from typing import Any, Dict, List, Set

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

URL = os.environ.get("PARETO_STUDIO_URL", "").rstrip("/")
TOKEN = os.environ.get("PARETO_STUDIO_TOKEN") or None
CONTROL = os.environ.get("PARETO_STUDIO_TEST_CONTROL", "").rstrip("/")
OBJECTIVES = [("accuracy", "max", 0), ("tool_calls", "min", 4)]


def get(path: str, url: str = "") -> Dict[str, Any]:
    req = urllib.request.Request((url or URL) + path, headers={"Authorization": f"Bearer {TOKEN}"} if TOKEN else {})
    with urllib.request.urlopen(req, timeout=30) as res:
        return json.loads(res.read())


def control(action: str) -> None:
    req = urllib.request.Request(f"{CONTROL}/{action}", data=b"{}", method="POST")
    with urllib.request.urlopen(req, timeout=300) as res:
        res.read()


def rows(run_id: str, url: str = "") -> Dict[str, List[Dict[str, Any]]]:
    """Everything stored for a run, without server-made fields (ids, timestamps) and nulls."""
    def clean(r: Dict[str, Any]) -> Dict[str, Any]:
        return {k: v for k, v in r.items() if k not in ("id", "runId", "createdAt") and v is not None}

    metrics = [clean(m) for m in get(f"/api/runs/{run_id}/metrics", url)["metrics"]]
    evals = [clean(e) for e in get(f"/api/runs/{run_id}/eval-points", url)["evalPoints"]]
    trajs: List[Dict[str, Any]] = []
    cursor = ""
    while True:
        page = get(f"/api/runs/{run_id}/trajectories?limit=1000{cursor}", url)
        trajs += [clean(t) for t in page["trajectories"]]
        if page["nextCursor"] is None:
            break
        cursor = f"&cursor={page['nextCursor']}"
    return {"metrics": metrics, "evalPoints": evals, "trajectories": trajs}


def script(run: Any, steps: range) -> Dict[str, List[Dict[str, Any]]]:
    """Logs a deterministic little training history and returns the rows the server
    should then hold (what a reader gets back from the GET API)."""
    expected: Dict[str, List[Dict[str, Any]]] = {"metrics": [], "evalPoints": [], "trajectories": []}
    for s in steps:
        acc, calls = round(0.3 + 0.6 * s / 40, 6), round(3.0 - 2.0 * s / 40, 6)
        # values rounded to 9 decimals: on SQLite the server stores doubles with 16
        # significant digits (1/6 comes back as 0.1666666666666667, not 0.16666666666666666),
        # a server-side finding reported in the issue-13 note, not something the client does
        reward, loss, kl = round(acc - 0.1 * calls, 9), round(1.0 / (s + 1), 9), round(0.001 * s, 9)
        run.log(s, accuracy=acc, tool_calls=calls, loss=loss, wall_time=float(s), reward=reward)
        run.log(s, kl=kl, lr=3e-4)
        expected["metrics"].append({"step": s, "objectiveMeans": {"accuracy": acc, "tool_calls": calls}, "loss": loss,
                                    "kl": kl, "wallTime": float(s), "extra": {"reward": reward, "lr": 3e-4}})
        traj = []
        for i in range(4):
            t = {"prompt": f"({s} + {i}) * 2 =", "tokens": [("call", f"calc({s}+{i})"), ("tool", str(s + i)), ("answer", str(2 * (s + i)))],
                 "objectives": {"accuracy": float(i % 2), "tool_calls": float(i)}, "group": 0, "reward": float(i % 2) - 0.1 * i, "rank": 1 + i % 2}
            traj.append(t)
            expected["trajectories"].append({"step": s, "group": 0, "index": i, "split": "train", "prompt": t["prompt"],
                                             "tokens": [{"kind": k, "text": x} for k, x in t["tokens"]],
                                             "objectives": [float(i % 2), float(i)], "rank": 1 + i % 2, "reward": float(i % 2) - 0.1 * i})
        run.log_trajectories(s, traj)
        if s % 5 == 4:
            front = [[acc, calls], [round(acc - 0.1, 6), round(calls - 0.5, 6)]]
            run.log_eval(s, front)
            expected["evalPoints"] += [{"step": s, "split": "test", "objectives": p} for p in front]
    return expected

class LossyProxy(http.server.ThreadingHTTPServer):
    """A proxy to the server that forwards every request to it but loses some answers
    after the server has acted: ``drop="first-attempt"`` closes the connection instead
    of answering the first attempt of each POST body (the client must retry);
    ``drop="after:K"`` answers the first K POSTs and loses every answer after them
    (a client that never hears back, as if it crashed); ``drop="fail:KIND"`` answers
    HTTP 500 to every POST to /api/runs/*/KIND without forwarding it."""

    daemon_threads = True

    def __init__(self, target: str, drop: str) -> None:
        self.target = target
        self.drop = drop
        self.posts = 0
        self.seen: Set[bytes] = set()
        self.dropped = 0
        self.lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), _Handler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Handler(http.server.BaseHTTPRequestHandler):
    server: LossyProxy

    def log_message(self, *args: object) -> None:
        pass

    def _forward(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0)) if self.command == "POST" else None
        if body is not None and self.server.drop.startswith("fail:") and self.path.endswith("/" + self.server.drop[5:]):
            payload = b'{"error":"internal error"}'
            self.send_response(500)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
            return
        headers = {k: v for k, v in self.headers.items() if k.lower() in ("content-type", "authorization", "accept")}
        req = urllib.request.Request(self.server.target + self.path, data=body, method=self.command, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=60) as res:
                status, payload = res.status, res.read()
        except urllib.error.HTTPError as err:
            status, payload = err.code, err.read()
        if body is not None:
            with self.server.lock:
                self.server.posts += 1
                if self.server.drop == "first-attempt":
                    lose = body not in self.server.seen
                elif self.server.drop.startswith("after:"):
                    lose = self.server.posts > int(self.server.drop.split(":")[1])
                else:
                    lose = False
                self.server.seen.add(body)
                if lose:
                    self.server.dropped += 1
            if lose:
                self.close_connection = True
                return  # applied upstream; the answer is lost
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = _forward
    do_POST = _forward



class ServerTest(unittest.TestCase):
    """A test against the server in PARETO_STUDIO_URL, with a scratch folder for journals."""

    def setUp(self) -> None:
        if not URL:
            self.skipTest("PARETO_STUDIO_URL is not set (run through npm test, or point it at a server)")
        self.dir = tempfile.mkdtemp(prefix="pareto-py-")
        self.addCleanup(shutil.rmtree, self.dir, True)

    def proxy(self, proxy: "LossyProxy") -> "LossyProxy":
        threading.Thread(target=proxy.serve_forever, daemon=True).start()
        self.addCleanup(proxy.server_close)
        self.addCleanup(proxy.shutdown)
        return proxy

    def init(self, **kw: Any) -> Any:
        import pareto_studio

        opts: Dict[str, Any] = dict(name=self.id().split(".")[-1], objectives=OBJECTIVES, url=URL, token=TOKEN, dir=self.dir,
                                    flush_every=8, flush_interval=0.1, retry_max_delay=0.5, quiet=True, tags=["python-test"])
        opts.update(kw)
        return pareto_studio.init(**opts)

    def assertRows(self, run_id: str, expected: Dict[str, List[Dict[str, Any]]], url: str = "") -> None:
        got = rows(run_id, url)
        key = lambda t: (t["step"], t["group"], t["index"])  # noqa: E731
        self.assertEqual(got["metrics"], expected["metrics"])
        self.assertEqual(got["evalPoints"], expected["evalPoints"])
        self.assertEqual(sorted(got["trajectories"], key=key), sorted(expected["trajectories"], key=key))
