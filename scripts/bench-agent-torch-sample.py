"""PyTorch twin of the sampling timed by scripts/bench-agent.ts.

Same model as lib/agent/model.ts (pre-LayerNorm GPT blocks, ReLU MLP,
learned positions, untied head), same batch, batched incremental decoding with
a preallocated KV cache, on ONE thread, under torch.inference_mode. The token
schedule is replayed from the rollouts Node generated (a JSON file): at
position t every unfinished sequence feeds its token t; the logits of every
row are turned into probabilities at the sampling temperature and a token is
drawn (torch.multinomial), as a sampler must; the drawn token is then replaced
by the recorded one, so both sides decode exactly the same number of
positions per sequence. Finished sequences leave the batch (their cache rows
are dropped), as in the kernel decoder. Tool execution is not part of this
twin (it is host work on the Node side, included in Node's figure).

Usage: python3 bench-agent-torch-sample.py WORKLOAD.json ROUNDS
Prints one JSON line: {"torch": version, "median_ms": ..., "generated": ...}.
"""
import json
import math
import sys
import time

import torch
import torch.nn.functional as F

torch.set_num_threads(1)
w = json.load(open(sys.argv[1]))
ROUNDS = int(sys.argv[2])
L, C, H, V, CTX, TEMP = w['nLayer'], w['nEmbd'], w['nHead'], w['vocabSize'], w['contextLength'], w['temperature']
D = C // H
FF = w['mlpRatio'] * C
seqs = w['seqs']
B = len(seqs)
lens = [len(s) for s in seqs]
PAD = 0

torch.manual_seed(0)
g = lambda *shape: torch.randn(*shape) * 0.02
wte, wpe = g(V, C), g(CTX, C)
blocks = [dict(ln1=(torch.ones(C), torch.zeros(C)), attn=(g(C, 3 * C), torch.zeros(3 * C)), proj=(g(C, C), torch.zeros(C)),
               ln2=(torch.ones(C), torch.zeros(C)), fc=(g(C, FF), torch.zeros(FF)), out=(g(FF, C), torch.zeros(C))) for _ in range(L)]
lnf, head = (torch.ones(C), torch.zeros(C)), g(C, V)
ids_all = torch.full((CTX, B), PAD, dtype=torch.long)
for b, s in enumerate(seqs):
    ids_all[: len(s), b] = torch.tensor(s)
steps = max(lens) - 1


def decode():
    """One rollout batch: positions 0..steps-1, every unfinished row; returns the draws made."""
    kc = [torch.empty(B, H, CTX, D) for _ in range(L)]
    vc = [torch.empty(B, H, CTX, D) for _ in range(L)]
    rows = torch.arange(B)
    draws = 0
    for t in range(steps):
        live = torch.tensor([b for b in rows.tolist() if t < lens[b] - 1], dtype=torch.long)
        if len(live) != len(rows):  # finished sequences leave the batch, with their cache rows
            keep = torch.searchsorted(rows, live)
            kc = [k[keep] for k in kc]
            vc = [v[keep] for v in vc]
            rows = live
        n = len(rows)
        x = wte[ids_all[t, rows]] + wpe[t]  # [n,C]
        for l, blk in enumerate(blocks):
            h = F.layer_norm(x, (C,), *blk['ln1'], eps=1e-5)
            qkv = torch.addmm(blk['attn'][1], h, blk['attn'][0]).view(n, 3, H, D)  # [n,3,H,D]
            kc[l][:, :, t] = qkv[:, 1]
            vc[l][:, :, t] = qkv[:, 2]
            q = qkv[:, 0].unsqueeze(2)  # [n,H,1,D]
            s = (q @ kc[l][:, :, : t + 1].transpose(-1, -2)) * (1 / math.sqrt(D))  # [n,H,1,t+1]
            o = (s.softmax(-1) @ vc[l][:, :, : t + 1]).reshape(n, C)  # [n,C]
            x = x + torch.addmm(blk['proj'][1], o, blk['proj'][0])
            h2 = F.layer_norm(x, (C,), *blk['ln2'], eps=1e-5)
            x = x + torch.addmm(blk['out'][1], torch.relu(torch.addmm(blk['fc'][1], h2, blk['fc'][0])), blk['out'][0])
        logits = F.layer_norm(x, (C,), *lnf, eps=1e-5) @ head  # [n,V]
        draws += int(torch.multinomial((logits / TEMP).softmax(-1), 1).numel())
    return draws


with torch.inference_mode():
    decode()
    times = []
    for _ in range(ROUNDS):
        t0 = time.perf_counter()
        decode()
        times.append((time.perf_counter() - t0) * 1000)
times.sort()
print(json.dumps({'torch': torch.__version__, 'threads': torch.get_num_threads(), 'median_ms': times[len(times) // 2], 'min_ms': times[0],
                  'rollouts': B, 'positions': sum(min(l - 1, steps) for l in lens), 'generated': w['generated']}))
