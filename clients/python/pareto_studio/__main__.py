"""Command line: ``python -m pareto_studio sync DIR [--url URL] [--token TOKEN]``."""
from __future__ import annotations

import argparse
import os
import sys
from typing import List, Optional

from .run import DEFAULT_URL
from .sync import sync


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pareto_studio", description="Pareto Studio client tools.")
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("sync", help="upload runs logged offline (idempotent: safe to run again)")
    s.add_argument("dir", help="a run folder (holding journal.jsonl) or a folder of run folders")
    s.add_argument("--url", default=os.environ.get("PARETO_STUDIO_URL", DEFAULT_URL), help="server (default: $PARETO_STUDIO_URL or %(default)s)")
    s.add_argument("--token", default=os.environ.get("PARETO_STUDIO_TOKEN"), help="API token (default: $PARETO_STUDIO_TOKEN)")
    s.add_argument("--timeout", type=float, default=60.0, help="seconds to keep retrying one item while the server is unreachable")
    args = parser.parse_args(argv)

    try:
        results = sync(args.dir, args.url, args.token, args.timeout)
    except (FileNotFoundError, ValueError) as err:
        print(f"sync: {err}", file=sys.stderr)
        return 2
    code = 0
    for r in results:
        if r.unreachable:
            print(f"{r.run_id}: server unreachable ({r.unreachable}); {r.sent} item(s) sent so far, run sync again later", file=sys.stderr)
            code = 1
        for e in r.errors:
            print(f"{r.run_id}: refused {e}", file=sys.stderr)
            code = 1
        if r.ok:
            extra = f", {r.already_there} already on the server" if r.already_there else ""
            print(f"{r.run_id}: synced ({r.sent} item(s) sent{extra}) → {args.url.rstrip('/')}/runs/{r.run_id}")
    return code


if __name__ == "__main__":
    sys.exit(main())
