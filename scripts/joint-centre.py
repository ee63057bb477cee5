#!/usr/bin/env python3
"""Round 11's clean S-norm centre (docs/benchmarks.md): fitted on both leave-speakers-out protocols at once.

    joint-centre.py LSO_PREFIX LSW_PREFIX      (eval-lso --scores prefixes of the lso and the lsw protocol)

The rule: in 0.005 steps, the centre that keeps the most room under the issue's two clean bars at once, each room
relative to its bar: (1 % - FMR) / 1 %, with FMR the false matches of both protocols' impostor trials pooled (lso: 12
ktuberling voices; lsw: 33 voices of three packages), and (20 % - FNMR) / 20 %, with FNMR the ktuberling voices' miss
rate (lso: the held-out set's own package; its targets are harder than lsw's). Prints the fit, the curve around it,
and the same fit with each lsw fold (and each lso fold) left out, measured on what was left out.
"""
import importlib.util, os, sys

# The score files are read and each trial's 0-100 score recomputed exactly as lsw-calibration.py does.
_spec = importlib.util.spec_from_file_location('lsw_calibration', os.path.join(os.path.dirname(os.path.abspath(__file__)), 'lsw-calibration.py'))
lc = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(lc)
load = lc.load


def accepted(r, c):
    return lc.score(r, c, lc.S40, lc.S30) >= 50


def fmr(rows, c):
    nt = [r for r in rows if not r['target']]
    return sum(accepted(r, c) for r in nt) / len(nt), len(nt)


def fnmr(rows, c):
    tg = [r for r in rows if r['target']]
    return sum(not accepted(r, c) for r in tg) / len(tg)


def room(imp, gen, c):
    return min((0.01 - fmr(imp, c)[0]) / 0.01, (0.20 - fnmr(gen, c)) / 0.20)


def fit(imp, gen):
    best, bc = -9, None
    c = 2.0
    while c <= 4.0:
        r = room(imp, gen, c)
        if r > best + 1e-12:
            best, bc = r, c
        c = round(c + 0.005, 3)
    return bc, best


lso, lsw = load(sys.argv[1] + 'trials.txt'), load(sys.argv[2] + 'trials.txt')
c, r = fit(lso + lsw, lso)
print(f'joint fit: centre {c} (room {100 * r:.1f} % of each bar)')
for x in sorted({2.76, round(c - 0.05, 3), c, round(c + 0.05, 3)}):
    print(f'  centre {x}: joint FMR {100 * fmr(lso + lsw, x)[0]:.2f} % | lso FMR {100 * fmr(lso, x)[0]:.2f} % FNMR {100 * fnmr(lso, x):.2f} % | '
          f'lsw FMR {100 * fmr(lsw, x)[0]:.2f} % FNMR {100 * fnmr(lsw, x):.2f} %')
print('left out, and measured on what was left out:')
for f in sorted({r['fold'] for r in lsw}):
    c2, _ = fit(lso + [r for r in lsw if r['fold'] != f], lso)
    out = [r for r in lsw if r['fold'] == f]
    a, n = fmr(out, c2)
    print(f'  lsw fold {f} out: centre {c2} -> its FMR {100 * a:.2f} % ({round(a * n)}/{n}), FNMR {100 * fnmr(out, c2):.1f} %')
for f in sorted({r['fold'] for r in lso}):
    keep = [r for r in lso if r['fold'] != f]
    c2, _ = fit(keep + lsw, keep)
    out = [r for r in lso if r['fold'] == f]
    a, n = fmr(out, c2)
    print(f'  lso fold {f} out: centre {c2} -> its FMR {100 * a:.2f} % ({round(a * n)}/{n}), FNMR {100 * fnmr(out, c2):.1f} %')
