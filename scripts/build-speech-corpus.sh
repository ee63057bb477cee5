#!/usr/bin/env bash
# Builds a speaker-verification development corpus from speech that ships in
# Debian packages, as 8 kHz 16-bit mono PCM WAV (the format of a Twilio call
# recording), with enrollment and trial lists.
#
#   build-speech-corpus.sh [--small] OUT_DIR
#
# --small builds a deterministic subset in seconds (fewer utterances, models and voices; two background
# speakers) for the engine's accuracy test; the full corpus is for training and benchmarks.
#
# Needs (Debian): sox flite espeak-ng asterisk-core-sounds-en-wav asterisk-core-sounds-es-wav
#   asterisk-core-sounds-fr-wav asterisk-prompt-it-menardi-wav klettres-data
#   and, for the full corpus only (background speech): asterisk-prompt-fr-armelle asterisk-prompt-es-co
#   asterisk-core-sounds-ru-wav opus-tools (and asterisk-core-sounds-it-wav with MORE_BG=1)
#   and ktuberling-data and tuxpaint-stamps-default, which are never installed: its .deb is fetched with `apt-get download` and only the allowed
#   languages are extracted (see KT_ALLOWED and TP_LANGS below), so the reserved ones never reach the disk. KT_DEB=FILE
#   and TP_DEB=FILE use .debs already downloaded; the extracted voices are kept in OUT_DIR/.src/ktuberling and .src/tuxpaint.
# Missing packages are installed with apt-get when running as root; otherwise the script stops and names them.
#
# Sources (all real or real-derived speech; licences in each package's copyright file):
#   asterisk-core-sounds-en-wav     Allison, US English, female (real recordings)
#   asterisk-core-sounds-fr-wav     June, Canadian French, female (real recordings)
#   asterisk-prompt-it-menardi-wav  Menardi, Italian, female (real recordings)
#   asterisk-core-sounds-es-wav     Allison again, Mexican Spanish (same person: cross-language targets)
#   flite, espeak-ng                synthetic voices saying fixed passphrases (text-dependent trials)
#   klettres-data                   letters and syllables spoken by ~20 native speakers of ~20 languages:
#                                   background speech (for a background model, a cohort) — no trial uses them
#   asterisk-prompt-fr-armelle, asterisk-prompt-es-co, asterisk-core-sounds-ru-wav
#                                   three more real speakers (French, Colombian Spanish, Russian; IVR prompts,
#                                   the first two GSM-coded): background speech in the style callers speak in,
#                                   full corpus only — no trial uses them
#   With MORE_BG=1 (round 9's study, not in the shipped model's training; full corpus only):
#   asterisk-core-sounds-it-wav     Carlo, Italian, male (real IVR prompts): background speech
#   tuxpaint-stamps-default         spoken stamp descriptions (a word or two each), one volunteer per language named in
#                                   its changelog: fr (Jacques Chion), ca (Pere Pujal), es (Estefania Ortiz), bg (Krasimir
#                                   Petkov), be (Kseniya Buraya), and ru, ro (unnamed). Joined into ~4 s chunks as KLettres
#                                   is. Extracted in every full build as test voices of the wide protocol (lsw/); background
#                                   speech only with MORE_BG=1. Only TP_LANGS are extracted; its reserved
#                                   languages (da el lt nl pt) never are. Like KLettres, a language's voice is left out of
#                                   the leave-speakers-out fold that tests that language's ktuberling voice.
#   ktuberling-data                 single words spoken by volunteers, one voice per language; words joined into
#                                   3-5 s utterances. Only KT_ALLOWED languages (fr ca uk ru en sl nn sr ro it ga es)
#                                   are used; lt da el de gl wa sv nds pt nl fi are held out for an evaluation no one
#                                   here may train, tune or look at. The leave-speakers-out protocol (lso/) uses the allowed voices only.
#   KLettres languages that are reserved ktuberling languages (da de lt nds nl pt_BR) are left out of the background
#   speech too: one volunteer may have recorded both packages.
#
# Output layout:
#   OUT_DIR/wav/<speaker>/<utterance>.wav
#   OUT_DIR/bg/speakers.lst  <speaker-id> <wav>   background speech, ~4 s chunks, speakers disjoint from all trials
#   OUT_DIR/ti/enroll.lst    <model-id> <wav> <wav> <wav>        (text-independent, real speech)
#   OUT_DIR/ti/trials.lst    <model-id> <wav> target|nontarget
#   OUT_DIR/xl/enroll.lst, trials.lst   cross-language: enrolled in English, tested in Spanish
#   OUT_DIR/td/enroll.lst, trials.lst   text-dependent: same passphrase, synthetic voices
#   OUT_DIR/lso/speakers.lst <speaker-id> <wav>   ktuberling speakers (kt-<lang>), 3-5 s utterances
#   OUT_DIR/lso/folds.lst    <fold> <speaker-id>   leave-speakers-out folds: fold F's background model is trained
#                                                  on bg/ and lso/ speakers minus lso/F/exclude.lst, then tested on
#   OUT_DIR/lso/<F>/enroll.lst, trials.lst, exclude.lst   F's speakers only (models of three utterances each)
#   OUT_DIR/lsw/             the wide leave-speakers-out protocol, laid out as lso/: every allowed ktuberling, KLettres
#                            and Tux Paint voice a test voice, folds W1-W4 by language (W1-W2 with --small)
#   OUT_DIR/replay-ti/, replay-td/   the ti / td models; their enrollment recordings played back down the
#                                    line (mu-law, noise, level change), labelled spoof, plus genuine targets
# Paths in the lists are relative to OUT_DIR. Every run gives the same corpus.
set -euo pipefail

SMALL=0
if [ "${1:-}" = "--small" ]; then SMALL=1; shift; fi
OUT=${1:?usage: build-speech-corpus.sh [--small] OUT_DIR}
# Sizes: utterances kept per real speaker, models per speaker, test utterances, background languages, voices.
if [ $SMALL = 1 ]; then PER=12 MODELS=2 TESTS=6 BGLANGS=2; else PER=100000 MODELS=8 TESTS=20 BGLANGS=1000; fi
# Leave-speakers-out folds of ktuberling voices (allowed languages only), utterances kept per voice, models per
# voice, test utterances per voice. A voice with too few utterances for a model is an impostor only.
if [ $SMALL = 1 ]; then KT_FOLDS=("A:fr uk" "B:ca ru"); KT_PER=10 KT_MODELS=2 KT_TESTS=4
else KT_FOLDS=("A:fr uk en sr it ga" "B:ca ru nn sl ro es"); KT_PER=1000 KT_MODELS=4 KT_TESTS=10; fi
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

need=()
command -v sox >/dev/null || need+=(sox)
command -v flite >/dev/null || need+=(flite)
command -v espeak-ng >/dev/null || need+=(espeak-ng)
[ $SMALL = 1 ] || command -v opusdec >/dev/null || need+=(opus-tools)  # the nn voice is Opus-coded
S=/usr/share/asterisk/sounds
[ -d $S/en_US_f_Allison ] || need+=(asterisk-core-sounds-en-wav)
[ -d $S/es_MX_f_Allison ] || need+=(asterisk-core-sounds-es-wav)
[ -d $S/fr_CA_f_June ] || need+=(asterisk-core-sounds-fr-wav)
[ -d $S/it_IT_f_Menardi ] || need+=(asterisk-prompt-it-menardi-wav)
[ -d /usr/share/klettres ] || need+=(klettres-data)
# Running-speech background speakers (full corpus only: the small one has no use for a background model).
declare -A BGPKG=( [bg-x-fr-armelle]=asterisk-prompt-fr-armelle [bg-x-es-co]=asterisk-prompt-es-co [bg-x-ru-ivr]=asterisk-core-sounds-ru-wav )
# MORE_BG=1: round 9's study voices too (Carlo and Tux Paint, below). Off by default: the shipped model was trained
# without them, and they did not help unseen speakers (docs/benchmarks.md, round 9).
MORE_BG=${MORE_BG:-0}
[ "$MORE_BG" != 1 ] || BGPKG[bg-x-it-carlo]=asterisk-core-sounds-it-wav
if [ $SMALL = 0 ]; then for p in "${BGPKG[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done; fi
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then echo "build-speech-corpus.sh: missing Debian packages: ${need[*]} (apt-get install them)" >&2; exit 3; fi
  echo "installing: ${need[*]}" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}") >/dev/null
fi

# Telephone channel: 8 kHz, 300-3400 Hz band, 16-bit PCM.
to_phone() { sox -R -q "$1" -r 8000 -c 1 -b 16 -e signed-integer "$2" gain -6 sinc 300-3400 gain -n -3; }

# Deterministic order: sort names by their md5.
hashed() { while read -r f; do printf '%s %s\n' "$(printf '%s' "$(basename "$f")" | md5sum | cut -c1-12)" "$f"; done | sort | cut -d' ' -f2-; }

# Real speakers: take utterances of 2-8 s.
declare -A SRC=( [allison-en]=$S/en_US_f_Allison [june-fr]=$S/fr_CA_f_June [menardi-it]=$S/it_IT_f_Menardi [allison-es]=$S/es_MX_f_Allison )
for spk in "${!SRC[@]}"; do
  mkdir -p "$OUT/wav/$spk"
  kept=0
  while read -r f; do
    d=$(soxi -D "$f" 2>/dev/null || echo 0)
    awk "BEGIN{exit !($d>=2.0 && $d<=8.0)}" || continue
    to_phone "$f" "$OUT/wav/$spk/$(basename "$f")"
    kept=$((kept+1)); [ $kept -lt $PER ] || break
  done < <(find -L "${SRC[$spk]}" -maxdepth 1 -name '*.wav' | hashed)
done

# Background speakers (KLettres): silence-trimmed clips of one speaker joined into ~4 s chunks.
mkdir -p "$OUT/bg"; : > "$OUT/bg/speakers.lst"
KT_RESERVED="lt da el de gl wa sv nds pt nl fi"
is_reserved() { local l=${1%%_*}; for r in $KT_RESERVED; do [ "$l" = "$r" ] && return 0; done; return 1; }
for dir in $(ls -d /usr/share/klettres/*/ | while read -r d; do is_reserved "$(basename "$d")" || echo "$d"; done | head -n $BGLANGS); do
  lang=$(basename "$dir"); spk="bg-$lang"; mkdir -p "$OUT/wav/$spk"
  clips=(); total=0; k=0
  while read -r f; do
    t=$(mktemp --suffix=.wav)
    sox -R -q "$f" -r 8000 -c 1 -b 16 -e signed-integer "$t" silence 1 0.05 1% reverse silence 1 0.05 1% reverse pad 0 0.15 || { rm -f "$t"; continue; }
    clips+=("$t"); total=$(awk "BEGIN{print $total + $(soxi -D "$t")}")
    if awk "BEGIN{exit !($total >= 4.0)}"; then
      out="wav/$spk/chunk$(printf '%02d' $k).wav"
      sox -R -q "${clips[@]}" "$OUT/$out" gain -6 sinc 300-3400 gain -n -3
      echo "$spk $out" >> "$OUT/bg/speakers.lst"; rm -f "${clips[@]}"; clips=(); total=0; k=$((k+1))
    fi
  done < <(find "$dir" -name '*.ogg' | sort)
  rm -f "${clips[@]}"
  [ $k -gt 0 ] || rmdir "$OUT/wav/$spk"
done

# Background speakers reading IVR prompts (full corpus only): each prompt of 2-8 s is one item, as for the real
# speakers above. Files are taken from each package's own file list (its top folder only), so a shared prompt
# folder or a language alternative can never bring in a trial speaker's recordings.
if [ $SMALL = 0 ]; then
  for spk in $(printf '%s\n' "${!BGPKG[@]}" | sort); do
    mkdir -p "$OUT/wav/$spk"
    files=$(dpkg -L "${BGPKG[$spk]}" | grep -E '\.(wav|gsm)$')
    top=$(printf '%s\n' "$files" | sed 's|/[^/]*$||' | sort | uniq -c | sort -rn | awk 'NR==1 {print $2}')
    while read -r f; do
      out="wav/$spk/$(basename "${f%.*}").wav"
      to_phone "$f" "$OUT/$out"  # converted first: headerless GSM files do not state their length
      d=$(soxi -D "$OUT/$out")
      awk "BEGIN{exit !($d>=2.0 && $d<=8.0)}" || { rm -f "$OUT/$out"; continue; }
      echo "$spk $out" >> "$OUT/bg/speakers.lst"
    done < <(printf '%s\n' "$files" | grep "^$top/[^/]*\$" | hashed)
  done
fi

# Tux Paint's spoken stamp descriptions (full corpus only): one volunteer per language, short words and phrases joined
# into ~4 s chunks (at most TP_PER per voice, so these voices do not outweigh the others). Only TP_LANGS are extracted.
# They are test voices of the wide protocol (lsw/, below) and, with MORE_BG=1 only, background speech too.
TP_LANGS="fr ca es bg be ru ro" TP_PER=40
: > "$OUT/.tuxpaint.lst"
if [ $SMALL = 0 ]; then
  TP_SRC="$OUT/.src/tuxpaint"
  if [ ! -f "$TP_SRC/.done" ]; then
    for l in $TP_LANGS; do is_reserved "$l" && { echo "reserved language $l in TP_LANGS" >&2; exit 4; }; done
    dl=$(mktemp -d)
    deb=${TP_DEB:-$(ls /var/cache/apt/archives/tuxpaint-stamps-default_*.deb 2>/dev/null | head -n 1 || true)}
    if [ -z "$deb" ]; then (cd "$dl" && apt-get download -qq tuxpaint-stamps-default 2>/dev/null); deb=$(ls "$dl"/tuxpaint-stamps-default_*.deb | head -n 1); fi
    dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$dl" --wildcards $(for l in $TP_LANGS; do echo "*_desc_$l.ogg"; done)
    mkdir -p "$TP_SRC"
    # A stamp's cartoon and photo versions share a name (and a description): the first in path order is kept.
    for l in $TP_LANGS; do
      rm -rf "${TP_SRC:?}/$l"; mkdir -p "$TP_SRC/$l"
      find "$dl" -name "*_desc_$l.ogg" | sort | while read -r f; do [ -e "$TP_SRC/$l/$(basename "$f")" ] || mv "$f" "$TP_SRC/$l/"; done
    done
    rm -rf "$dl"; touch "$TP_SRC/.done"
  fi
  for lang in $TP_LANGS; do
    spk="bg-x-$lang-tuxpaint"; mkdir -p "$OUT/wav/$spk"
    clips=(); total=0; k=0
    while read -r f; do
      t=$(mktemp --suffix=.wav)
      sox -R -q "$f" -r 8000 -c 1 -b 16 -e signed-integer "$t" silence 1 0.05 1% reverse silence 1 0.05 1% reverse pad 0 0.15 || { rm -f "$t"; continue; }
      d=$(soxi -D "$t" 2>/dev/null || echo 0)
      awk "BEGIN{exit !($d >= 0.3 && $d <= 3.0)}" || { rm -f "$t"; continue; }
      clips+=("$t"); total=$(awk "BEGIN{print $total + $d}")
      if awk "BEGIN{exit !($total >= 4.0)}"; then
        out="wav/$spk/chunk$(printf '%02d' $k).wav"
        sox -R -q "${clips[@]}" "$OUT/$out" gain -6 sinc 300-3400 gain -n -3
        echo "$spk $out" >> "$OUT/.tuxpaint.lst"; rm -f "${clips[@]}"; clips=(); total=0; k=$((k+1))
        [ $k -lt $TP_PER ] || break
      fi
    done < <(find "$TP_SRC/$lang" -name '*.ogg' | hashed)
    rm -f "${clips[@]}"
  done
  [ "$MORE_BG" != 1 ] || cat "$OUT/.tuxpaint.lst" >> "$OUT/bg/speakers.lst"
fi

# ktuberling voices (leave-speakers-out protocol). Only the allowed languages are ever extracted from the package.
KT_ALLOWED="fr ca uk ru en sl nn sr ro it ga es"
KT_SRC="$OUT/.src/ktuberling"
if [ ! -f "$KT_SRC/.done" ]; then
  for f in "${KT_FOLDS[@]}"; do for l in ${f#*:}; do is_reserved "$l" && { echo "reserved language $l in a fold" >&2; exit 4; }; done; done
  dl=$(mktemp -d)
  deb=${KT_DEB:-$(ls /var/cache/apt/archives/ktuberling-data_*.deb 2>/dev/null | head -n 1 || true)}
  if [ -z "$deb" ]; then
    (cd "$dl" && apt-get download -qq ktuberling-data 2>/dev/null) || { [ "$(id -u)" = 0 ] && apt-get update -qq && (cd "$dl" && apt-get download -qq ktuberling-data); }
    deb=$(ls "$dl"/ktuberling-data_*.deb | head -n 1)
  fi
  mkdir -p "$KT_SRC"
  dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$dl" --wildcards $(for l in $KT_ALLOWED; do echo "./usr/share/ktuberling/sounds/$l/*"; done)
  for l in $KT_ALLOWED; do rm -rf "${KT_SRC:?}/$l"; mv "$dl/usr/share/ktuberling/sounds/$l" "$KT_SRC/$l"; done
  rm -rf "$dl"; touch "$KT_SRC/.done"
fi
mkdir -p "$OUT/lso"; : > "$OUT/lso/speakers.lst"; : > "$OUT/lso/folds.lst"
kt_voice() { # lang: words, silence-trimmed, joined in a fixed order into utterances of at least 4 s (at most ~5 s)
  local lang=$1 spk=kt-$1 clips=() total=0 k=0 t
  mkdir -p "$OUT/wav/$spk"
  while read -r f; do
    t=$(mktemp --suffix=.wav)
    case $f in
      *.opus) opusdec --quiet --rate 8000 "$f" "$t.o.wav" 2>/dev/null && sox -R -q "$t.o.wav" -r 8000 -c 1 -b 16 -e signed-integer "$t" silence 1 0.05 1% reverse silence 1 0.05 1% reverse pad 0 0.15; rm -f "$t.o.wav" ;;
      *) sox -R -q "$f" -r 8000 -c 1 -b 16 -e signed-integer "$t" silence 1 0.05 1% reverse silence 1 0.05 1% reverse pad 0 0.15 ;;
    esac
    d=$(soxi -D "$t" 2>/dev/null || echo 0)
    if awk "BEGIN{exit !($d >= 0.3 && $d <= 2.5)}"; then clips+=("$t"); total=$(awk "BEGIN{print $total + $d}"); else rm -f "$t"; continue; fi
    if awk "BEGIN{exit !($total >= 4.0)}"; then
      out="wav/$spk/u$(printf '%02d' $k).wav"
      sox -R -q "${clips[@]}" "$OUT/$out" gain -6 sinc 300-3400 gain -n -3
      echo "$spk $out" >> "$OUT/lso/speakers.lst"; rm -f "${clips[@]}"; clips=(); total=0; k=$((k+1))
      [ $k -lt $KT_PER ] || break
    fi
  done < <(find "$KT_SRC/$lang" -maxdepth 1 -type f \( -name '*.wav' -o -name '*.ogg' -o -name '*.opus' \) | hashed)
  rm -f "${clips[@]}"
}
for f in "${KT_FOLDS[@]}"; do
  fold=${f%%:*}; R="$OUT/lso/$fold"; mkdir -p "$R"; : > "$R/enroll.lst"; : > "$R/trials.lst"; : > "$R/tests.tmp"
  for lang in ${f#*:}; do
    kt_voice "$lang"; echo "$fold kt-$lang" >> "$OUT/lso/folds.lst"; echo "kt-$lang" >> "$R/exclude.tmp"
    # KLettres and Tux Paint recorded the same languages, perhaps by the same volunteer: their voices of the language
    # are left out too.
    cut -d' ' -f1 "$OUT/bg/speakers.lst" | sort -u | grep -E "^bg-$lang(_|\$)|^bg-x-$lang-tuxpaint\$" >> "$R/exclude.tmp" || true
    mapfile -t u < <(grep "^kt-$lang " "$OUT/lso/speakers.lst" | cut -d' ' -f2)
    n=${#u[@]}
    # Models of three utterances while at least KT_TESTS remain; every remaining utterance is a test.
    m=0; while [ $m -lt $KT_MODELS ] && [ $((3*m+3+KT_TESTS)) -le $n ]; do
      echo "kt-$lang-m$m ${u[$((3*m))]} ${u[$((3*m+1))]} ${u[$((3*m+2))]}" >> "$R/enroll.lst"; m=$((m+1)); done
    printf '%s\n' "${u[@]:$((3*m))}" | sed "s|^|kt-$lang |" >> "$R/tests.tmp"
  done
  while read -r id _; do
    while read -r spk wav; do
      kind=nontarget; [ "$spk" = "${id%-m*}" ] && kind=target
      echo "$id $wav $kind" >> "$R/trials.lst"
    done < "$R/tests.tmp"
  done < "$R/enroll.lst"
  sort -u "$R/exclude.tmp" > "$R/exclude.lst"; rm -f "$R/exclude.tmp" "$R/tests.tmp"
done

# Wide leave-speakers-out protocol (lsw/): the lso layout with many more test voices, so that a
# calibration can be fitted on some speakers and checked on others with more than a handful behind each figure. Test
# voices: every allowed ktuberling voice (kt-*), every KLettres voice of the background (bg-<lang>) and every Tux Paint
# voice (bg-x-<lang>-tuxpaint), all volunteers speaking single words, letters or short phrases; none reserved. Folds
# group languages, and a fold's model is trained without every voice of its languages (one volunteer may have recorded
# several packages). For the same reason a model is never tried against another voice of its own language: that pair
# is neither a target nor an impostor trial we can trust. Models of three utterances while LSW_TESTS remain (at most
# LSW_MODELS); the next LSW_TESTS utterances are the voice's tests, so every voice weighs alike.
# Norwegian Bokmål (KLettres nb) counts as Nynorsk (ktuberling nn): one volunteer may well have recorded both.
# --small: two folds of its four ktuberling voices and two KLettres voices, for the protocol's own test.
LSW_FOLDS=("W1:fr uk ar cs he hu" "W2:ca ru tn" "W3:en sr it ga be ml bg" "W4:es nn sl ro") LSW_MODELS=4 LSW_TESTS=6
[ $SMALL = 0 ] || LSW_FOLDS=("W1:fr uk ar" "W2:ca ru cs")
voice_lang() { local l; case $1 in kt-*) l=${1#kt-} ;; bg-x-*-tuxpaint) l=${1#bg-x-}; l=${l%-tuxpaint} ;; bg-x-*) l="" ;; bg-*) l=${1#bg-}; l=${l%%_*} ;; esac; [ "$l" != nb ] || l=nn; echo "$l"; }
mkdir -p "$OUT/lsw"; : > "$OUT/lsw/folds.lst"
{ cat "$OUT/lso/speakers.lst"; grep -E '^bg-[a-z]+(_[A-Z]+)? ' "$OUT/bg/speakers.lst"; cat "$OUT/.tuxpaint.lst"; } | awk '!seen[$0]++' > "$OUT/lsw/speakers.lst"
for f in "${LSW_FOLDS[@]}"; do
  fold=${f%%:*}; R="$OUT/lsw/$fold"; mkdir -p "$R"; : > "$R/enroll.lst"; : > "$R/trials.lst"; : > "$R/tests.tmp"; : > "$R/exclude.tmp"
  for l in ${f#*:}; do is_reserved "$l" && { echo "reserved language $l in an lsw fold" >&2; exit 4; }; done
  for spk in $(cut -d' ' -f1 "$OUT/lsw/speakers.lst" "$OUT/bg/speakers.lst" | sort -u); do
    lang=$(voice_lang "$spk"); [ -n "$lang" ] && [[ " ${f#*:} " == *" $lang "* ]] || continue
    echo "$spk" >> "$R/exclude.tmp"
    mapfile -t u < <(grep "^$spk " "$OUT/lsw/speakers.lst" | cut -d' ' -f2)
    n=${#u[@]}; [ "$n" -gt 0 ] || continue
    echo "$fold $spk" >> "$OUT/lsw/folds.lst"
    m=0; while [ $m -lt $LSW_MODELS ] && [ $((3*m+3+LSW_TESTS)) -le $n ]; do
      echo "$spk-m$m ${u[$((3*m))]} ${u[$((3*m+1))]} ${u[$((3*m+2))]}" >> "$R/enroll.lst"; m=$((m+1)); done
    printf '%s\n' "${u[@]:$((3*m)):$LSW_TESTS}" | sed "s|^|$spk $lang |" >> "$R/tests.tmp"
  done
  while read -r id _; do
    own=${id%-m*}; own_lang=$(voice_lang "$own")
    while read -r spk lang wav; do
      if [ "$spk" = "$own" ]; then kind=target; elif [ "$lang" = "$own_lang" ]; then continue; else kind=nontarget; fi
      echo "$id $wav $kind" >> "$R/trials.lst"
    done < "$R/tests.tmp"
  done < "$R/enroll.lst"
  sort -u "$R/exclude.tmp" > "$R/exclude.lst"; rm -f "$R/exclude.tmp" "$R/tests.tmp"
done

list() { (cd "$OUT" && ls wav/$1/*.wav | hashed); }

# Text-independent protocol: per speaker 8 models of 3 utterances, 20 test utterances.
mkdir -p "$OUT/ti" "$OUT/xl" "$OUT/td"
: > "$OUT/ti/enroll.lst"; : > "$OUT/ti/trials.lst"
REAL=(allison-en june-fr menardi-it)
for spk in "${REAL[@]}"; do list "$spk" | sed -n "$((MODELS*3+1)),$((MODELS*3+TESTS))p" > "$OUT/ti/.test-$spk"; done
for spk in "${REAL[@]}"; do
  mapfile -t u < <(list "$spk" | sed -n 1,$((MODELS*3))p)
  for m in $(seq 0 $((MODELS-1))); do
    id="$spk-m$m"
    echo "$id ${u[$((m*3))]} ${u[$((m*3+1))]} ${u[$((m*3+2))]}" >> "$OUT/ti/enroll.lst"
    for other in "${REAL[@]}"; do
      kind=nontarget; [ "$other" = "$spk" ] && kind=target
      sed "s|^|$id |; s|\$| $kind|" "$OUT/ti/.test-$other" >> "$OUT/ti/trials.lst"
    done
  done
done
rm -f "$OUT"/ti/.test-*

# Cross-language protocol: Allison enrolled in English, tested in Spanish (targets);
# the other speakers' tests are the non-targets.
grep '^allison-en' "$OUT/ti/enroll.lst" > "$OUT/xl/enroll.lst"
: > "$OUT/xl/trials.lst"
while read -r id _; do
  list allison-es | sed -n "1,${TESTS}{s|^|$id |; s|\$| target|; p}" >> "$OUT/xl/trials.lst"
  grep "^$id " "$OUT/ti/trials.lst" | grep nontarget >> "$OUT/xl/trials.lst"
done < "$OUT/xl/enroll.lst"

# Text-dependent protocol: synthetic voices say the same passphrase with varied rate and pitch.
PHRASES=("Never forget tomorrow is a new day" "My voice is my password, verify me")
VOICES=(flite:kal flite:awb flite:rms flite:slt espeak:en-us+m1 espeak:en-us+m3 espeak:en-us+f2 espeak:en-us+f4 espeak:en+m7 espeak:en-gb-x-rp+f3)
[ $SMALL = 0 ] || VOICES=(flite:kal flite:slt espeak:en-us+m1 espeak:en-us+f2)
: > "$OUT/td/enroll.lst"; : > "$OUT/td/trials.lst"
synth() { # voice phrase variant out
  local v=$1 p=$2 k=$3 out=$4 tmp; tmp=$(mktemp --suffix=.wav)
  local rates=(1.0 0.92 1.08 0.96 1.04 0.88 1.12) pitches=(0 40 -40 20 -20 60 -60)
  case $v in
    flite:*) flite -voice "${v#flite:}" -t "$p" -o "$tmp" ;;
    espeak:*) espeak-ng -v "${v#espeak:}" -s $((165 + k*3)) -p $((45 + k*2)) -w "$tmp" "$p" ;;
  esac
  sox -R -q "$tmp" -r 8000 -c 1 -b 16 -e signed-integer "$out" gain -6 tempo "${rates[$k]}" pitch "${pitches[$k]}" sinc 300-3400 gain -n -3
  rm -f "$tmp"
}
for v in "${VOICES[@]}"; do
  spk=syn-${v//[:+]/-}
  mkdir -p "$OUT/wav/$spk"
  for pi in 0 1; do
    for k in 0 1 2 3 4 5 6; do synth "$v" "${PHRASES[$pi]}" $k "$OUT/wav/$spk/p$pi-v$k.wav"; done
    echo "$spk-p$pi wav/$spk/p$pi-v0.wav wav/$spk/p$pi-v1.wav wav/$spk/p$pi-v2.wav" >> "$OUT/td/enroll.lst"
  done
done
while read -r id _; do
  spk=${id%-p?}; pi=${id##*-p}
  for v in "${VOICES[@]}"; do
    other=syn-${v//[:+]/-}
    for k in 3 4 5 6; do
      kind=nontarget; [ "$other" = "$spk" ] && kind=target
      echo "$id wav/$other/p$pi-v$k.wav $kind" >> "$OUT/td/trials.lst"
    done
    # the right voice saying the other passphrase is not a match for a text-dependent model
    [ "$other" = "$spk" ] && echo "$id wav/$other/p$((1-pi))-v3.wav nontarget" >> "$OUT/td/trials.lst"
  done
done < "$OUT/td/enroll.lst"

# Replay protocols: enrollment recordings replayed down a phone line (mu-law, pink noise, level change),
# labelled spoof, beside genuine target trials — replay-ti for the ti models, replay-td for the passphrase
# models (there a replay check that also refuses genuine repetitions of the phrase shows up as false rejects).
for proto in ti td; do
  R="$OUT/replay-$proto"; mkdir -p "$R" "$OUT/wav/replay"
  cp "$OUT/$proto/enroll.lst" "$R/enroll.lst"; : > "$R/trials.lst"
  while read -r id a b c; do
    for src in "$a" "$c"; do
      r="wav/replay/$id-$(basename "$src")"; t=$(mktemp --suffix=.wav); n=$(mktemp --suffix=.wav)
      sox -R -q "$OUT/$src" -e u-law "$t" gain -2
      sox -R -q -n -r 8000 -c 1 "$n" synth "$(soxi -D "$OUT/$src")" pinknoise gain -n -24
      sox -R -q -m "$t" "$n" -b 16 -e signed-integer "$OUT/$r" gain -4; rm -f "$t" "$n"
      echo "$id $r spoof" >> "$R/trials.lst"
    done
    grep "^$id .* target\$" "$OUT/$proto/trials.lst" | sed -n 1,5p >> "$R/trials.lst"
  done < "$R/enroll.lst"
done

printf 'bg: %s speakers, %s chunks\n' "$(cut -d' ' -f1 "$OUT/bg/speakers.lst" | sort -u | wc -l)" "$(wc -l < "$OUT/bg/speakers.lst")"
printf 'lso: %s voices, %s utterances\n' "$(wc -l < "$OUT/lso/folds.lst")" "$(wc -l < "$OUT/lso/speakers.lst")"
[ ! -f "$OUT/lsw/folds.lst" ] || printf 'lsw: %s voices, %s utterances\n' "$(wc -l < "$OUT/lsw/folds.lst")" "$(wc -l < "$OUT/lsw/speakers.lst")"
for p in ti xl td replay-ti replay-td $(cut -d' ' -f1 "$OUT/lso/folds.lst" | sort -u | sed 's|^|lso/|') $([ ! -f "$OUT/lsw/folds.lst" ] || cut -d' ' -f1 "$OUT/lsw/folds.lst" | sort -u | sed 's|^|lsw/|'); do
  printf '%s: %s models, %s target, %s non-target, %s spoof trials\n' "$p" "$(wc -l < "$OUT/$p/enroll.lst")" \
    "$(grep -c ' target$' "$OUT/$p/trials.lst" || true)" "$(grep -c ' nontarget$' "$OUT/$p/trials.lst" || true)" "$(grep -c ' spoof$' "$OUT/$p/trials.lst" || true)"
done
