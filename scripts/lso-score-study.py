#!/usr/bin/env python3
"""Score-side study on eval-lso --dump files (pure Python, no numpy).

    lso-score-study.py PREFIX [LIST ...]     (LIST defaults to trials trials-noisy)
    lso-score-study.py --calibrate PREFIX "NAME;NAME…"   (methods as the first form names them)

Reads PREFIX<list>.raw and PREFIX-enroll.raw (see LsoDump.cs) and prints, for several normalisations and fusions of
the subsystems' scores, per fold and pooled: EER and FNMR at FMR 1 %. Choices that need fitting (fusion weights,
calibration thresholds) are fitted on one fold and measured on the other (cross-fold), never on the scores reported.
Only the scores of trials that passed the quality gate are in the dump (none of the lso trials is refused).
--calibrate places a threshold as round 6 placed its centre (the lowest pooled clean threshold with FMR under 1 %, then
the smallest noise shift per dB below 40 dB SNR keeping the noisy FMR under 1 %): chosen on the scores it reports, so
optimistic; the cross-fold columns of the first form are the honest transfer check.
"""
import math, random, sys
from collections import defaultdict

def load_trials(path):
    rows = []
    for line in open(path):
        head, *subs = line.rstrip('\n').split(' | ')
        fold, model, wav, label, snr, secs = head.split(' ')
        subs = [[float(x) for x in s.split(' ')] for s in subs]
        rows.append(dict(fold=fold, model=model, wav=wav, target=label == 'target', snr=float(snr), secs=float(secs),
                         claimant=[s[0] for s in subs], cohort=[s[1:] for s in subs]))
    return rows

def load_enroll(path):
    cohort_on = defaultdict(dict)   # fold -> index -> [per sub cohort scores]
    model_on = {}                   # (fold, model) -> [per sub list of llr on impostor utterances]
    for line in open(path):
        head, *subs = line.rstrip('\n').split(' | ')
        p = head.split(' ')
        vals = [[float(x) for x in s.split(' ')] for s in subs]
        if p[0] == 'U':
            cohort_on[p[1]][int(p[2])] = vals
        else:
            model_on[(p[1], p[2])] = vals
    return cohort_on, model_on

def mean(v): return sum(v) / len(v)
def std(v):
    m = mean(v); return math.sqrt(max(sum((x - m) ** 2 for x in v) / max(1, len(v) - 1), 1e-12))
def top(v, n): return sorted(v, reverse=True)[:n] if n else v

def speaker_of_model(m): return m[:m.rfind('-m')]
def speaker_of_wav(w): return w.split('/')[-2]

def eer(scores, weights=None):
    tg = [(s, w) for s, t, w in scores if t]; nt = [(s, w) for s, t, w in scores if not t]
    if not tg or not nt: return float('nan')
    allv = sorted(scores, key=lambda x: x[0])
    T = sum(w for _, w in tg); N = sum(w for _, w in nt)
    fn = 0.0; fa = N; best = (2, 0)
    i = 0
    while i < len(allv):
        s = allv[i][0]
        while i < len(allv) and allv[i][0] == s:
            _, t, w = allv[i]
            if t: fn += w
            else: fa -= w
            i += 1
        d = abs(fn / T - fa / N)
        if d < best[0]: best = (d, (fn / T + fa / N) / 2)
    return best[1]

def threshold_at_fmr(scores, fmr):
    nt = sorted((s for s, t, w in scores if not t), reverse=True)
    k = int(math.floor(fmr * len(nt)))
    return nt[k] + 1e-9 if k < len(nt) else -1e9

def rates(scores, thr):
    tg = [s for s, t, w in scores if t]; nt = [s for s, t, w in scores if not t]
    return sum(s >= thr for s in nt) / len(nt), sum(s < thr for s in tg) / len(tg)

def fnmr_at_fmr(scores, fmr):
    return rates(scores, threshold_at_fmr(scores, fmr))[1]

def bootstrap_eer(rows, values, draws=300, seed=1):
    speakers = sorted({speaker_of_model(r['model']) for r in rows} | {speaker_of_wav(r['wav']) for r in rows})
    rnd = random.Random(seed); out = []
    for _ in range(draws):
        c = defaultdict(int)
        for _ in speakers: c[rnd.choice(speakers)] += 1
        sc = [(v, r['target'], c[speaker_of_model(r['model'])] * c[speaker_of_wav(r['wav'])]) for r, v in zip(rows, values)]
        sc = [x for x in sc if x[2] > 0]
        e = eer(sc)
        if not math.isnan(e): out.append(e)
    out.sort()
    return out[int(0.05 * len(out))], out[int(0.95 * len(out)) - 1]

# ---- normalisations: each returns per-subsystem normalised scores for a trial ----
def make_methods(enroll):
    cohort_on, model_on = enroll
    cache = {}
    def enroll_side(r, k, n, normalised):
        key = (r['fold'], r['model'], k, n, normalised)
        if key not in cache:
            e = model_on[(r['fold'], r['model'])][k]
            if normalised:
                e = [x - mean(cohort_on[r['fold']][j][k]) for j, x in enumerate(e)]
            t = top(e, n)
            cache[key] = (mean(t), std(t))
        return cache[key]
    m = {}
    m['mean (shipped)'] = lambda r, k: r['claimant'][k] - mean(r['cohort'][k])
    m['T-norm'] = lambda r, k: (r['claimant'][k] - mean(r['cohort'][k])) / std(r['cohort'][k])
    for n in (5, 10, 20, 30, 40):
        m[f'test top{n} mean'] = (lambda n: lambda r, k: r['claimant'][k] - mean(top(r['cohort'][k], n)))(n)
        m[f'test top{n} AS'] = (lambda n: lambda r, k: (r['claimant'][k] - mean(top(r['cohort'][k], n))) / std(top(r['cohort'][k], n)))(n)
        m[f'S-AS{n}'] = (lambda n: lambda r, k: 0.5 * ((r['claimant'][k] - mean(top(r['cohort'][k], n))) / std(top(r['cohort'][k], n))
                                                     + (r['claimant'][k] - enroll_side(r, k, n, False)[0]) / enroll_side(r, k, n, False)[1]))(n)
    m['S-norm (all, both sides)'] = lambda r, k: 0.5 * ((r['claimant'][k] - mean(r['cohort'][k])) / std(r['cohort'][k])
                                                     + (r['claimant'][k] - enroll_side(r, k, 0, False)[0]) / enroll_side(r, k, 0, False)[1])
    for n in (0, 20):
        # cohort mean on the test side, then the model's own impostor level (its cohort-normalised scores on training speakers)
        m[f'mean + enroll-side mean{n or "all"}'] = (lambda n: lambda r, k: r['claimant'][k] - mean(r['cohort'][k]) - enroll_side(r, k, n, True)[0])(n)
        m[f'mean + enroll-side z{n or "all"}'] = (lambda n: lambda r, k: (r['claimant'][k] - mean(r['cohort'][k]) - enroll_side(r, k, n, True)[0]) / enroll_side(r, k, n, True)[1])(n)
        m[f'sym mean-norm{n or "all"}'] = (lambda n: lambda r, k: r['claimant'][k] - 0.5 * mean(top(r['cohort'][k], n)) - 0.5 * enroll_side(r, k, n, False)[0])(n)
    return m

def fused(rows, f, w):
    return [w * f(r, 0) + (1 - w) * f(r, 1) for r in rows]

def report(name, cond_rows, f, w=0.5, boot=False):
    out = [f'{name:34s}']
    for cond, rows in cond_rows:
        v = fused(rows, f, w)
        sc = [(x, r['target'], 1) for x, r in zip(v, rows)]
        per = []
        for fold in sorted({r['fold'] for r in rows}):
            fs = [s for s, r in zip(sc, rows) if r['fold'] == fold]
            per.append(eer(fs))
        e = eer(sc)
        s = f'{cond}: EER {100*e:5.2f} (A {100*per[0]:4.1f} B {100*per[1]:4.1f}) FNMR@1% {100*fnmr_at_fmr(sc, 0.01):5.1f}'
        # cross-fold threshold at FMR 1 %: fitted on one fold, applied to the other
        xs = []
        folds = sorted({r['fold'] for r in rows})
        fm = fn = nt = tg = 0
        for a, b in ((folds[0], folds[1]), (folds[1], folds[0])):
            thr = threshold_at_fmr([x for x, r in zip(sc, rows) if r['fold'] == a], 0.01)
            for x, r in zip(sc, rows):
                if r['fold'] != b: continue
                if r['target']: tg += 1; fn += x[0] < thr
                else: nt += 1; fm += x[0] >= thr
        s += f' xfold FMR {100*fm/nt:4.2f} FNMR {100*fn/tg:4.1f}'
        if boot:
            lo, hi = bootstrap_eer(rows, v)
            s += f' [{100*lo:.1f}-{100*hi:.1f}]'
        out.append(s)
    print(' | '.join(out))

def calibrate(name, cond_rows, f, shifts=(0, 0.005, 0.01, 0.015, 0.02, 0.03, 0.04)):
    """The round-6 way: the lowest pooled clean centre whose FMR is under 1 %, then the smallest per-dB noise shift
    (below 40 dB SNR) keeping the noisy FMR under 1 %; prints FMR/FNMR there and bootstrap EER intervals."""
    clean, noisy = cond_rows[0][1], cond_rows[1][1]
    vc = fused(clean, f, 0.5); vn = fused(noisy, f, 0.5)
    sc = [(x, r['target'], 1) for x, r in zip(vc, clean)]
    thr = threshold_at_fmr(sc, 0.0099)
    fm, fn = rates(sc, thr)
    out = f'{name:34s} centre {thr:.3f}: clean FMR {100*fm:.2f} FNMR {100*fn:.1f} EER {100*eer(sc):.2f} {bootstrap_eer(clean, vc)}'
    for sh in shifts:
        sn = [(x - sh * max(0, 40 - r['snr']), r['target'], 1) for x, r in zip(vn, noisy)]
        fmn, fnn = rates(sn, thr)
        if fmn < 0.01:
            out += f' | noisy shift {sh}/dB: FMR {100*fmn:.2f} FNMR {100*fnn:.1f} EER {100*eer(sn):.2f} {bootstrap_eer(noisy, vn)}'
            break
    print(out)

def main():
    prefix = sys.argv[1]
    if prefix == '--calibrate':
        prefix, names = sys.argv[2], sys.argv[3].split(';')
        cond_rows = [(l, load_trials(f'{prefix}{l}.raw')) for l in ['trials', 'trials-noisy']]
        methods = make_methods(load_enroll(f'{prefix}-enroll.raw'))
        for n in names: calibrate(n, cond_rows, methods[n])
        return
    lists = sys.argv[2:] or ['trials', 'trials-noisy']
    cond_rows = [(l, load_trials(f'{prefix}{l}.raw')) for l in lists]
    methods = make_methods(load_enroll(f'{prefix}-enroll.raw'))
    for name, f in methods.items():
        report(name, cond_rows, f)
    print('fusion weight of subsystem 0 (mean norm):')
    for w in (0.3, 0.4, 0.5, 0.6, 0.7):
        report(f'  w={w}', cond_rows, methods['mean (shipped)'], w)
    print('fusion weight of subsystem 0 (T-norm):')
    for w in (0.3, 0.4, 0.6, 0.7):
        report(f'  w={w}', cond_rows, methods['T-norm'], w)

if __name__ == '__main__':
    main()
