"""Runs the client's unittest suite and writes one result per test as JSON, for the
npm test harness (tests/python/python-client.test.ts), which reports them one by one.

    python3 tests/run_tests.py --list            test ids, as JSON
    python3 tests/run_tests.py --json OUT.json   run everything (PARETO_STUDIO_URL etc. from the env)
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
import traceback
import unittest
from typing import Any, Dict, Iterator, List

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, ROOT)


def iter_tests(suite: unittest.TestSuite) -> Iterator[unittest.TestCase]:
    for t in suite:
        if isinstance(t, unittest.TestSuite):
            yield from iter_tests(t)
        else:
            yield t


class JsonResult(unittest.TextTestResult):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.records: Dict[str, Dict[str, Any]] = {}
        self._t0 = 0.0

    def startTest(self, test: unittest.TestCase) -> None:
        self._t0 = time.monotonic()
        self.records[test.id()] = {"status": "passed", "message": ""}
        super().startTest(test)

    def stopTest(self, test: unittest.TestCase) -> None:
        self.records[test.id()]["seconds"] = round(time.monotonic() - self._t0, 3)
        super().stopTest(test)

    def _fail(self, test: unittest.TestCase, err: Any, status: str) -> None:
        tid = test.id() if test.id() in self.records else getattr(test, "test_case", test).id()
        rec = self.records.setdefault(tid, {"status": "passed", "message": ""})
        rec["status"] = status
        rec["message"] += "".join(traceback.format_exception(*err))

    def addError(self, test: unittest.TestCase, err: Any) -> None:
        self._fail(test, err, "failed")
        super().addError(test, err)

    def addFailure(self, test: unittest.TestCase, err: Any) -> None:
        self._fail(test, err, "failed")
        super().addFailure(test, err)

    def addSubTest(self, test: unittest.TestCase, subtest: Any, err: Any) -> None:
        if err is not None:
            self._fail(test, err, "failed")
        super().addSubTest(test, subtest, err)

    def addSkip(self, test: unittest.TestCase, reason: str) -> None:
        self.records[test.id()] = {"status": "skipped", "message": reason}
        super().addSkip(test, reason)


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--list", action="store_true")
    p.add_argument("--json")
    p.add_argument("pattern", nargs="*", help="only tests whose id contains one of these")
    a = p.parse_args()
    suite = unittest.defaultTestLoader.discover(HERE, pattern="test_*.py", top_level_dir=ROOT)
    tests: List[unittest.TestCase] = [t for t in iter_tests(suite) if not a.pattern or any(x in t.id() for x in a.pattern)]
    if a.list:
        print(json.dumps([t.id() for t in tests]))
        return 0
    runner = unittest.TextTestRunner(verbosity=2, resultclass=JsonResult, stream=sys.stderr)
    result = runner.run(unittest.TestSuite(tests))
    if a.json:
        with open(a.json, "w") as fh:
            json.dump(result.records, fh, indent=1)  # type: ignore[attr-defined]
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
