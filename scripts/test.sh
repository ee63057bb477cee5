#!/usr/bin/env bash
# The test command: installs the Debian packages the tests need when they are missing, then runs `dotnet test`
# with any arguments given (e.g. `scripts/test.sh --filter Health`). Once the packages are there, `dotnet test`
# alone is the inner loop. `.ci/run` calls this script.
set -euo pipefail
cd "$(dirname "$0")/.."

# chromium: end-to-end tests; redis-server: scale-out tests (they start their own server);
# sox, espeak-ng, flite, asterisk sounds, klettres-data: scripts/build-speech-corpus.sh builds the speech the
# engine tests use. Everything comes from Debian's archive: nothing is downloaded at test time.
packages=(chromium redis-server sox libsox-fmt-all espeak-ng flite
  asterisk-core-sounds-en-wav asterisk-core-sounds-es-wav asterisk-core-sounds-fr-wav asterisk-prompt-it-menardi-wav
  klettres-data)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "installing: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

dotnet test "$@"
