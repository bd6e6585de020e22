"""A small, real multi-objective training loop that logs to Pareto Studio.

The task: questions of three difficulties; before answering, the agent decides
how many tool calls (0-3) to make. More calls make a right answer more likely
(much more on hard questions) but cost. Two objectives: accuracy (maximize)
and tool calls per question (minimize).

The policy: a tabular softmax over "how many calls" for each (difficulty,
preference) pair, where the preference w in {0, 0.1, ..., 1} weighs accuracy
against calls. It is trained with a policy gradient (REINFORCE with a
group-mean baseline, as GRPO does) on the scalarized reward
w * correct - (1 - w) * calls / 3, so one run learns a whole front: each w is
one policy on the accuracy/calls plane. Each step rolls out `--group` answers
to `--questions` questions per preference (11 × 4 × 8 = 352 by default). Evaluated exactly (expected accuracy
and calls of each w's policy on the question mix) every few steps.

    python examples/tool_budget_pg.py --steps 150 --delay 0.2
    # server: $PARETO_STUDIO_URL (default http://localhost:3000), token: $PARETO_STUDIO_TOKEN

Standard library only.
"""
from __future__ import annotations

import argparse
import math
import random
import time
from typing import Dict, List, Sequence, Tuple

import pareto_studio

DIFFICULTIES = ("easy", "medium", "hard")
MIX = (0.4, 0.35, 0.25)  # share of each difficulty in the question pool
# P(correct | difficulty, number of tool calls 0..3)
P_CORRECT = {"easy": (0.90, 0.95, 0.97, 0.98), "medium": (0.45, 0.80, 0.90, 0.93), "hard": (0.05, 0.40, 0.70, 0.85)}
ACTIONS = (0, 1, 2, 3)
PREFERENCES = tuple(i / 10 for i in range(11))


def softmax(logits: Sequence[float]) -> List[float]:
    m = max(logits)
    e = [math.exp(x - m) for x in logits]
    s = sum(e)
    return [x / s for x in e]


def expected_objectives(theta: Dict[Tuple[str, float], List[float]], w: float) -> Tuple[float, float]:
    """Exact accuracy and calls per question of the policy for preference w."""
    acc = calls = 0.0
    for d, share in zip(DIFFICULTIES, MIX):
        p = softmax(theta[(d, w)])
        acc += share * sum(pa * P_CORRECT[d][a] for a, pa in zip(ACTIONS, p))
        calls += share * sum(pa * a for a, pa in zip(ACTIONS, p))
    return acc, calls


def hypervolume_2d(points: Sequence[Tuple[float, float]], ref: Tuple[float, float]) -> float:
    """Area dominated by (accuracy ↑, calls ↓) points above ref = (min accuracy, max calls)."""
    pts = sorted({(a, c) for a, c in points if a > ref[0] and c < ref[1]}, key=lambda p: (p[1], -p[0]))
    area, best_acc = 0.0, ref[0]
    for i, (a, c) in enumerate(pts):
        nxt = pts[i + 1][1] if i + 1 < len(pts) else ref[1]
        best_acc = max(best_acc, a)
        area += (best_acc - ref[0]) * (nxt - c)
    return area


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--steps", type=int, default=150)
    ap.add_argument("--group", type=int, default=8, help="rollouts per (question, preference) group")
    ap.add_argument("--questions", type=int, default=4, help="questions per preference per step")
    ap.add_argument("--lr", type=float, default=0.5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--eval-every", type=int, default=5)
    ap.add_argument("--delay", type=float, default=0.0, help="seconds to sleep per step (to watch it live)")
    ap.add_argument("--name", default="tool-budget policy gradient")
    args = ap.parse_args()

    rng = random.Random(args.seed)
    theta = {(d, w): [0.0] * len(ACTIONS) for d in DIFFICULTIES for w in PREFERENCES}
    config = {"steps": args.steps, "group": args.group, "questions": args.questions, "lr": args.lr, "preferences": len(PREFERENCES), "mix": list(MIX)}
    objectives = [("accuracy", "max", 0.0), ("tool_calls", "min", 3.0)]
    t0 = time.time()

    with pareto_studio.init(name=args.name, objectives=objectives, config=config, seed=args.seed, environment="tool-budget",
                            algorithm="reinforce", tags=["example", "python-client"], experiment="python-client-example",
                            total_steps=args.steps) as run:
        for step in range(args.steps):
            # ---- rollouts: one group of `group` answers per (question, preference) ----
            grad = {k: [0.0] * len(ACTIONS) for k in theta}
            correct_sum = calls_sum = loss = entropy = 0.0
            n = 0
            shown = []
            for w, d in [(w, d) for w in PREFERENCES for d in rng.choices(DIFFICULTIES, MIX, k=args.questions)]:
                p = softmax(theta[(d, w)])
                entropy += -sum(x * math.log(x) for x in p if x > 0)
                group = []
                for _ in range(args.group):
                    a = rng.choices(ACTIONS, p)[0]
                    correct = 1.0 if rng.random() < P_CORRECT[d][a] else 0.0
                    group.append((a, correct, w * correct - (1 - w) * a / 3))
                baseline = sum(r for _, _, r in group) / len(group)
                for i, (a, correct, r) in enumerate(group):
                    adv = r - baseline
                    for j in ACTIONS:  # ∇ log softmax = onehot(a) - p
                        grad[(d, w)][j] += adv * ((1.0 if j == a else 0.0) - p[j]) / args.group
                    loss += -adv * math.log(p[a])
                    correct_sum, calls_sum, n = correct_sum + correct, calls_sum + a, n + 1
                    if i == 0 and len(shown) < 8 and d == "hard":
                        tokens = [("text", f"difficulty {d}, budget weight {w:.1f}")]
                        for c in range(a):
                            tokens += [("call", f"search(q{step}.{c})"), ("tool", f"result {c + 1}")]
                        tokens.append(("answer", "right" if correct else "wrong"))
                        shown.append({"prompt": f"question {step}-{len(shown)} ({d})", "tokens": tokens, "objectives": [correct, float(a)],
                                      "group": len(shown), "index": 0, "reward": r, "advantage": adv})
            # ---- update: plain gradient ascent on the tabular logits ----
            for k, g in grad.items():
                theta[k] = [x + args.lr * gi for x, gi in zip(theta[k], g)]

            run.log(step, accuracy=correct_sum / n, tool_calls=calls_sum / n, loss=loss / n, entropy=entropy / (len(PREFERENCES) * args.questions),
                    wall_time=time.time() - t0)
            run.log_trajectories(step, shown)
            if step % args.eval_every == 0 or step == args.steps - 1:
                front = [expected_objectives(theta, w) for w in PREFERENCES]
                run.log_eval(step, [list(p) for p in front])
                # the client's own value; the server computes its own from the evaluation points too
                run.log(step, hypervolume=hypervolume_2d(front, (0.0, 3.0)))
            if args.delay:
                time.sleep(args.delay)
        final = [expected_objectives(theta, w) for w in PREFERENCES]
        print(f"done: {run.dashboard_url}")
        print("final front (accuracy, calls/question) by preference:")
        for w, (acc, calls) in zip(PREFERENCES, final):
            print(f"  w={w:.1f}: {acc:.3f}, {calls:.2f}")


if __name__ == "__main__":
    main()
