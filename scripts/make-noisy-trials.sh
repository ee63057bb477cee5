#!/usr/bin/env bash
# Makes the noisy condition of a trial list: every trial recording re-made as a worse phone call would deliver it,
# enrollments untouched (people enroll once, on a good line, and are verified from anywhere).
#
#   make-noisy-trials.sh CORPUS_DIR TRIALS_LIST OUT_LIST [SNR_DB]
#
# Each recording, in sorted order with index i: pink noise at SNR_DB (default 15) ± 2 dB over the recording's active
# speech (mean power of its 20 ms frames within 25 dB of its loudest ones), a level change of 0 to -14 dB (and +4 dB
# for every fifth, clipping nothing: sox's gain -l limits), then G.711 mu-law coding, back to 16-bit PCM at 8 kHz.
# The noise is seeded by i, so the same list always gives the same files. Writes CORPUS_DIR/noisy<SNR>/<path>.wav
# and OUT_LIST (the trial list pointing at them; paths relative to CORPUS_DIR). Needs sox and python3.
set -euo pipefail
C=${1:?usage: make-noisy-trials.sh CORPUS_DIR TRIALS_LIST OUT_LIST [SNR_DB]}
LIST=${2:?trial list}
OUT_LIST=${3:?output list}
SNR=${4:-15}
C=$(cd "$C" && pwd)
[ -f "$LIST" ] || LIST="$C/$LIST"
case $OUT_LIST in /*) ;; *) OUT_LIST="$C/$OUT_LIST" ;; esac
D="noisy$SNR"

# Active-speech power in dB (relative to full scale) of a 16-bit mono WAV.
speech_db() {
  python3 - "$1" <<'PY'
import sys, wave, array, math
w = wave.open(sys.argv[1]); a = array.array('h', w.readframes(w.getnframes())); n = 160
p = [sum(x * x for x in a[i:i + n]) / n for i in range(0, len(a) - n + 1, n)]
p = [max(v, 1e-3) for v in p]
top = max(p); act = [v for v in p if v >= top / 10 ** 2.5]
print(10 * math.log10(sum(act) / len(act) / 32768 ** 2))
PY
}

i=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
while read -r w; do
  out="$D/$w"; mkdir -p "$(dirname "$C/$out")"
  if [ ! -s "$C/$out" ]; then
    level=$(speech_db "$C/$w")
    snr=$(awk "BEGIN{print $SNR - 2 + ($i % 5)}")
    gain=$(awk "BEGIN{g = -(($i * 7) % 15); if ($i % 5 == 4) g = 4; print g}")
    # pink noise: sox makes it at about -10 dBFS RMS; scale it to level - snr
    sox -R -q -n -r 8000 -c 1 -b 16 "$tmp/n.wav" synth "$(soxi -D "$C/$w")" pinknoise gain -n -3
    nl=$(speech_db "$tmp/n.wav")
    sox -R -q -m "$C/$w" -v "$(awk "BEGIN{print 10 ^ (($level - $snr - $nl) / 20)}")" "$tmp/n.wav" "$tmp/m.wav"
    sox -R -q "$tmp/m.wav" -e u-law "$tmp/u.wav" gain -l "$gain"
    sox -R -q "$tmp/u.wav" -b 16 -e signed-integer "$C/$out"
  fi
  i=$((i + 1))
done < <(cut -d' ' -f2 "$LIST" | sort -u)

awk -v d="$D/" '{ $2 = d $2; print }' "$LIST" > "$OUT_LIST"
echo "$(wc -l < "$OUT_LIST") trials, $i recordings under $C/$D"
