"""PyTorch twin of the reference training step timed by scripts/bench-agent.ts.

Same model as lib/agent/model.ts (pre-LayerNorm GPT blocks, ReLU MLP with
ratio 4, learned positions, untied head), same batch (B x T tokens, random
ids), masked cross-entropy, backward and Adam, on ONE thread. Prints one
JSON line: {"torch": version, "median_ms": ..., "tokens_per_s": ...}.
Usage: python3 bench-agent-torch.py LAYERS WIDTH HEADS BATCH T VOCAB STEPS
"""
import json
import math
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(1)
L, C, H, B, T, V, STEPS = (int(x) for x in sys.argv[1:8])


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.ln1, self.ln2 = nn.LayerNorm(C), nn.LayerNorm(C)
        self.attn, self.proj = nn.Linear(C, 3 * C), nn.Linear(C, C)
        self.fc, self.out = nn.Linear(C, 4 * C), nn.Linear(4 * C, C)

    def forward(self, x, mask):
        b, t, _ = x.shape
        q, k, v = self.attn(self.ln1(x)).view(b, t, 3, H, C // H).permute(2, 0, 3, 1, 4)
        s = (q @ k.transpose(-1, -2)) / math.sqrt(C // H) + mask[:t, :t]
        o = (s.softmax(-1) @ v).transpose(1, 2).reshape(b, t, C)
        x = x + self.proj(o)
        return x + self.out(F.relu(self.fc(self.ln2(x))))


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.wte, self.wpe = nn.Embedding(V, C), nn.Parameter(torch.zeros(T, C))
        self.blocks = nn.ModuleList(Block() for _ in range(L))
        self.lnf, self.head = nn.LayerNorm(C), nn.Linear(C, V, bias=False)
        self.register_buffer('mask', torch.full((T, T), -1e9).triu(1))

    def forward(self, ids):
        x = self.wte(ids) + self.wpe[: ids.shape[1]]
        for blk in self.blocks:
            x = blk(x, self.mask)
        return self.head(self.lnf(x))


torch.manual_seed(0)
model = Model()
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
ids = torch.randint(0, V, (B, T + 1))
weights = torch.ones(B * T)


def step():
    logits = model(ids[:, :-1]).reshape(B * T, V)
    nll = F.cross_entropy(logits, ids[:, 1:].reshape(-1), reduction='none')
    loss = (nll * weights).sum() / weights.sum()
    opt.zero_grad(set_to_none=True)
    loss.backward()
    opt.step()
    return loss.item()


def blas_library():
    """Path of the BLAS shared library mapped into this process (after a matmul loaded it)."""
    try:
        with open('/proc/self/maps') as f:
            libs = {line.split()[-1] for line in f if 'blas' in line.lower() or 'mkl' in line.lower()}
        return ', '.join(sorted(l for l in libs if l.startswith('/'))) or 'none found'
    except OSError:
        return 'unknown'


for _ in range(3):
    step()
times, cpu = [], []
for _ in range(STEPS):
    t0, c0 = time.perf_counter(), time.process_time()
    step()
    times.append((time.perf_counter() - t0) * 1000)
    cpu.append((time.process_time() - c0) * 1000)
times.sort()
cpu.sort()
med = times[len(times) // 2]
print(json.dumps({
    'torch': torch.__version__, 'threads': torch.get_num_threads(), 'blas': blas_library(),
    'median_ms': med, 'min_ms': times[0], 'median_cpu_ms': cpu[len(cpu) // 2], 'tokens_per_s': B * T / med * 1000,
}))
