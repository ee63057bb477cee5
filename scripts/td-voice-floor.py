#!/usr/bin/env python3
# td voice floor study on eval-lso --td-voice score files: python3 scripts/td-voice-floor.py PREFIX (PREFIXtrials.txt, PREFIXtrials-noisy.txt).
# Counts impostor (target) trials whose tnorm column is >= (<) the floor at their snr_db; see docs/benchmarks.md, round 10.
import sys
def load(p):
    rows=[]
    for l in open(p):
        f=l.split()
        if f[0]=='fold': continue
        rows.append(dict(fold=f[0],model=f[1],wav=f[2],label=f[3],tnorm=float(f[9]),snr=float(f[12])))
    return rows
pre=sys.argv[1]
clean=load(pre+'trials.txt'); noisy=load(pre+'trials-noisy.txt')
def shift(snr,k1=0.004,k2=0.0,knee=30): return k1*max(0,40-snr)+k2*max(0,knee-snr)
def rates(rows,floor,k2=0.0):
    imp=[r for r in rows if r['label']=='nontarget']; tgt=[r for r in rows if r['label']=='target']
    fm=sum(r['tnorm']>=floor+shift(r['snr'],k2=k2) for r in imp)
    fnm=sum(r['tnorm']<floor+shift(r['snr'],k2=k2) for r in tgt)
    return fm,len(imp),fnm,len(tgt)
def fmt(x): fm,ni,fn,nt=x; return f"{100*fm/ni:.2f}% ({fm}/{ni}) FNMR {100*fn/nt:.2f}% ({fn}/{nt})"
for fl in [0.43,0.46,0.49,0.50,0.51,0.52,0.53,0.55]:
    print(f"floor {fl:.2f} +0.004/dB: clean {fmt(rates(clean,fl))} | noisy {fmt(rates(noisy,fl))}")
print("noisy with knee below 30 dB, floor 0.49")
for k2 in [0.0,0.0025,0.005,0.0075,0.01,0.0125,0.015,0.02,0.025,0.03]:
    print(f" k2 {k2:.4f} (extra at 21 dB {k2*9:.3f}): noisy {fmt(rates(noisy,0.49,k2))} per fold A/B:",
          [rates([r for r in noisy if r['fold']==f],0.49,k2)[0] for f in 'AB'])
imp=sorted([r for r in noisy if r['label']=='nontarget'], key=lambda r:-(r['tnorm']-shift(r['snr'])))[:8]
print("top noisy impostors (tnorm - 0.004 shift):")
for r in imp: print(' ',r['fold'],r['model'],r['wav'],f"{r['tnorm']:.4f} snr {r['snr']:.1f} margin {r['tnorm']-shift(r['snr']):.4f}")
imp=sorted([r for r in clean if r['label']=='nontarget'], key=lambda r:-(r['tnorm']-shift(r['snr'])))[:8]
print("top clean impostors:")
for r in imp: print(' ',r['fold'],r['model'],r['wav'],f"{r['tnorm']:.4f} snr {r['snr']:.1f}")
print("fine grid, floor 0.49 + 0.004/dB<40 + k2/dB<30, noisy:")
for k in range(0,31,5):
    k2=k/10000
    print(f"  {k2:.4f}: {fmt(rates(noisy,0.49,k2))}")
print("clean at shipped (k2 irrelevant):", fmt(rates(clean,0.49,0.0025)))
for f in 'AB':
    for name,rows in (('clean',clean),('noisy',noisy)):
        R=[r for r in rows if r['fold']==f]
        print(f"fold {f} {name}: before {fmt(rates(R,0.49,0))} after {fmt(rates(R,0.49,0.0025))}")
spk=set(); 
for r in clean: spk.add(r['wav'].split('/')[-2])
print('test speakers', len(spk))
