#!/usr/bin/env python3
"""The shipped calibration on the wide leave-speakers-out protocol (lsw/), and whether a fit on some folds holds on
the fold it never saw (docs/benchmarks.md, round 11).

    lsw-calibration.py SCORES_PREFIX [CENTRE [SLOPE_40 [SLOPE_30]]]   (reads PREFIXtrials.txt and PREFIXtrials-noisy.txt)

SCORES_PREFIX is eval-lso --protocol lsw --scores's. Each trial's 0-100 score is recomputed from its fused score and
SNR with the S-norm calibration (centre, scale 0.6, rise SLOPE_40 per dB below 40 dB plus SLOPE_30 per dB below 30 dB;
defaults: the shipped constants; since round 12 each voiceprint's own centre, half its genuine level, at least the
centre and at most 1.0 above it, from the score file's genuine column) and checked against the engine's own decision. Prints, clean and noisy: pooled and
per-fold FMR / FNMR at 50 with their counts and a 90 % bootstrap interval over speakers (models' and tests' voices drawn
together); EER; then leave-one-fold-out: round 8's rule (the lowest centre, 0.005 steps, with clean FMR under 0.5 %
and clean FNMR at most 17 %) fitted on three folds and measured on the fourth, with the noise shift kept.
"""
import math, random, sys
from collections import defaultdict

SCALE = 0.6


def load(path):
    rows = []
    for line in open(path).readlines()[1:]:
        f = line.split()
        model, wav = f[1], f[2]
        rows.append(dict(fold=f[0], model=model, spk=model[:model.rfind('-m')], test=wav.split('/')[-2],
                         target=f[3] == 'target', dec=f[4], score=int(f[5]), fused=float(f[7]),
                         # refused for quality (Retry): never a pass, as the engine's own summary counts it
                         snr=float(f[12]) if f[12] != '-' else 99.0,
                         # the voiceprint's genuine level (round 12; score files of earlier builds have none)
                         genuine=float(f[15]) if len(f) > 15 and f[15] != '-' else None))
    return rows


def shift(snr, s40, s30):
    return s40 * max(0.0, 40 - snr) + s30 * max(0.0, 30 - snr)


def own_centre(r, c):
    """The voiceprint's own centre (Calibration.ClientCentre): GENUINE_SHARE of its genuine level, within c .. c + MAX_OWN_RAISE."""
    return c if r['genuine'] is None else min(max(c, GENUINE_SHARE * r['genuine']), c + MAX_OWN_RAISE)


def score(r, c, s40, s30):
    z = (r['fused'] - own_centre(r, c) - shift(r['snr'], s40, s30)) / SCALE
    if z < -700:
        return 0
    return int(math.floor(100 / (1 + math.exp(-z)) + 0.5))


def counts(rows, c, s40, s30):
    nt = [r for r in rows if not r['target']]
    tg = [r for r in rows if r['target']]
    fa = sum(score(r, c, s40, s30) >= 50 for r in nt)
    fr = sum(score(r, c, s40, s30) < 50 for r in tg)
    return fa, len(nt), fr, len(tg)


def pct(a, n):
    return 100.0 * a / n if n else float('nan')


def eer(rows):
    s = sorted((r['fused'] - own_centre(r, C) - shift(r['snr'], S40, S30), r['target']) for r in rows)
    t = sum(x for _, x in s)
    n = len(s) - t
    fn, fa, best = 0, n, (2, 0)
    for _, x in s:
        if x:
            fn += 1
        else:
            fa -= 1
        d = abs(fn / t - fa / n)
        if d < best[0]:
            best = (d, (fn / t + fa / n) / 2)
    return 100 * best[1]


def bootstrap(rows, c, draws=400, seed=11):
    """90 % interval of FMR and FNMR at 50, resampling voices (a drawn voice brings its models and its tests)."""
    voices = sorted({r['spk'] for r in rows} | {r['test'] for r in rows})
    by_pair = defaultdict(list)
    for r in rows:
        by_pair[(r['spk'], r['test'])].append(score(r, c, S40, S30) >= 50)
    rng = random.Random(seed)
    fmr, fnmr = [], []
    for _ in range(draws):
        w = defaultdict(int)
        for v in (rng.choice(voices) for _ in voices):
            w[v] += 1
        fa = nt = fr = tg = 0
        for (m, t), acc in by_pair.items():
            k = w[m] * w[t] if m != t else w[m]
            if not k:
                continue
            if m == t:
                tg += k * len(acc)
                fr += k * sum(not a for a in acc)
            else:
                nt += k * len(acc)
                fa += k * sum(acc)
        if nt:
            fmr.append(100 * fa / nt)
        if tg:
            fnmr.append(100 * fr / tg)
    q = lambda xs, p: sorted(xs)[min(len(xs) - 1, int(p * len(xs)))]
    return (q(fmr, 0.05), q(fmr, 0.95)), (q(fnmr, 0.05), q(fnmr, 0.95))


def fitcap(rows, target=0.005, cap=0.17):
    c = 1.5
    while True:
        fa, nt, _, _ = counts(rows, c, S40, S30)
        _, _, fr2, tg2 = counts(rows, round(c + 0.005, 3), S40, S30)
        if fa / nt < target or fr2 / tg2 > cap:
            return c
        c = round(c + 0.005, 3)


C, S40, S30 = 2.86, 0.01, 0.03  # the calibration the functions above use; the command line sets it
GENUINE_SHARE, MAX_OWN_RAISE = 0.5, 1.0  # Calibration.GenuineShare and MaxOwnRaise (round 12); a share of 0 ignores the voiceprints' own centres

if __name__ == '__main__':
    args = sys.argv[1:]
    prefix = args[0]
    C = float(args[1]) if len(args) > 1 else C
    S40 = float(args[2]) if len(args) > 2 else S40
    S30 = float(args[3]) if len(args) > 3 else S30
    clean, noisy = load(prefix + 'trials.txt'), load(prefix + 'trials-noisy.txt')
    for name, rows in (('clean', clean), ('noisy', noisy)):
        if (C, S40, S30) == (2.86, 0.01, 0.03):
            print(f'{name}: decisions differing from the engine that wrote the file: '
                  f"{sum((score(r, C, S40, S30) >= 50) != (r['dec'] == 'Accepted') for r in rows)} of {len(rows)}")
    folds = sorted({r['fold'] for r in clean})
    print(f'calibration: centre {C}, {S40}/dB below 40 dB + {S30}/dB below 30 dB')
    for name, rows in (('clean', clean), ('noisy', noisy)):
        fa, nt, fr, tg = counts(rows, C, S40, S30)
        (fl, fh), (nl, nh) = bootstrap(rows, C)
        models = len({r['spk'] for r in rows if r['target']})
        voices = len({r['test'] for r in rows})
        print(f'{name} pooled: {models} model voices, {voices} test voices, {len({r["model"] for r in rows})} models; '
              f'FMR {pct(fa, nt):.2f} % ({fa}/{nt}, 90 % {fl:.2f}-{fh:.2f}), FNMR {pct(fr, tg):.2f} % ({fr}/{tg}, {nl:.1f}-{nh:.1f}), EER {eer(rows):.2f} %')
        for f in folds:
            sub = [r for r in rows if r['fold'] == f]
            fa, nt, fr, tg = counts(sub, C, S40, S30)
            print(f'  fold {f}: FMR {pct(fa, nt):.2f} % ({fa}/{nt}), FNMR {pct(fr, tg):.2f} % ({fr}/{tg}), EER {eer(sub):.2f} %')
    print(f'pooled fit (round 8 rule): centre {fitcap(clean)}')
    print('leave one fold out (fit on the other folds, clean; noise shift as given):')
    for f in folds:
        c = fitcap([r for r in clean if r['fold'] != f])
        line = f'  fitted without {f}: centre {c} ->'
        for name, rows in (('clean', clean), ('noisy', noisy)):
            fa, nt, fr, tg = counts([r for r in rows if r['fold'] == f], c, S40, S30)
            line += f' {name} FMR {pct(fa, nt):.2f} % ({fa}/{nt}) FNMR {pct(fr, tg):.1f} %;'
        print(line)
    false_matches = defaultdict(int)
    for name, rows in (('clean', clean), ('noisy', noisy)):
        for r in rows:
            if not r['target'] and score(r, C, S40, S30) >= 50:
                false_matches[(name, r['spk'], r['test'])] += 1
    print('false matches by (condition, model voice, test voice):', dict(sorted(false_matches.items(), key=lambda kv: -kv[1])))
