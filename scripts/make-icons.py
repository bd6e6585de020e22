#!/usr/bin/env python3
"""Writes public/'s raster icons (favicon.ico, apple-touch-icon.png, icon-192.png,
icon-512.png) from the same drawing as public/icon.svg: an indigo rounded square
with a white Pareto staircase and three points. Stdlib only (zlib + struct);
4x4 supersampling. Run: python3 scripts/make-icons.py"""
import struct, zlib, os

INDIGO = (79, 70, 229)
WHITE = (255, 255, 255)
# In a 32-unit box: the staircase path and the front points (as in icon.svg).
STAIRS = [(6, 8), (12, 8), (12, 14), (18, 14), (18, 20), (24, 20), (24, 26)]
DOTS = [(12, 8), (18, 14), (24, 20)]


def seg_dist(px, py, a, b):
    (ax, ay), (bx, by) = a, b
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return ((px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2) ** 0.5


def sample(u, v):
    """Colour at (u, v) in the 32-unit box, or None outside the rounded square."""
    r = 7.0
    cx = min(max(u, r), 32 - r)
    cy = min(max(v, r), 32 - r)
    if (u - cx) ** 2 + (v - cy) ** 2 > r * r:
        return None
    for d in DOTS:
        if (u - d[0]) ** 2 + (v - d[1]) ** 2 <= 2.6 ** 2:
            return WHITE
    for a, b in zip(STAIRS, STAIRS[1:]):
        if seg_dist(u, v, a, b) <= 1.3:
            return WHITE
    return INDIGO


def render(size):
    ss = 4
    rows = []
    for y in range(size):
        row = bytearray()
        for x in range(size):
            acc = [0, 0, 0, 0]
            for j in range(ss):
                for i in range(ss):
                    c = sample((x + (i + 0.5) / ss) * 32 / size, (y + (j + 0.5) / ss) * 32 / size)
                    if c:
                        acc[0] += c[0]; acc[1] += c[1]; acc[2] += c[2]; acc[3] += 255
            n = ss * ss
            a = acc[3] / n
            if a == 0:
                row += bytes((0, 0, 0, 0))
            else:
                k = 255 / acc[3]
                row += bytes((round(acc[0] * k), round(acc[1] * k), round(acc[2] * k), round(a)))
        rows.append(bytes(row))
    return rows


def png(size):
    raw = b''.join(b'\x00' + r for r in render(size))
    chunk = lambda t, d: struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
    return b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', size, size, 8, 6, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b'')


def ico(sizes):
    images = [png(s) for s in sizes]
    out = struct.pack('<HHH', 0, 1, len(images))
    offset = 6 + 16 * len(images)
    for s, img in zip(sizes, images):
        out += struct.pack('<BBBBHHII', s % 256, s % 256, 0, 0, 1, 32, len(img), offset)
        offset += len(img)
    return out + b''.join(images)


here = os.path.join(os.path.dirname(__file__), '..', 'public')
open(os.path.join(here, 'favicon.ico'), 'wb').write(ico([16, 32, 48]))
for name, size in [('apple-touch-icon.png', 180), ('icon-192.png', 192), ('icon-512.png', 512)]:
    open(os.path.join(here, name), 'wb').write(png(size))
