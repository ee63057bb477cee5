#!/usr/bin/env bash
# Publishes the portal self-contained and starts the published folder with environment variables only (SQLite in a
# throwaway folder, no appsettings edits, no SDK on the path), then waits for /health/ready to answer 200.
set -euo pipefail
cd "$(dirname "$0")/.."

work="$(mktemp -d /tmp/voiceauth-publish-XXXXXX)"
port="${PUBLISH_CHECK_PORT:-5199}"
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# GET with bash alone (a fresh machine may have no curl): prints the status code, keeps the body in $work/ready.json.
probe() {
  exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
  printf 'GET /health/ready HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
  local reply; reply="$(cat <&3)"; exec 3<&-
  printf '%s' "${reply#*$'\r\n\r\n'}" >"$work/ready.json"
  local line="${reply%%$'\r'*}"; echo "${line:9:3}"
}

dotnet publish VoiceAuth.Portal -c Release -r linux-x64 --self-contained -o "$work/app" -nologo -v quiet

cd "$work/app"   # the content root (wwwroot, appsettings.json) is the working directory, as under systemd
env -i PATH=/usr/bin:/bin HOME="$work" \
  ASPNETCORE_URLS="http://127.0.0.1:$port" \
  Database__ConnectionString="Data Source=$work/data/voiceauth.db" \
  DataProtection__KeysPath="$work/data/keys" \
  Mail__Smtp__Host=127.0.0.1 Mail__LinkBaseUrl="http://127.0.0.1:$port" \
  Twilio__Mode=Emulator \
  "$work/app/VoiceAuth.Portal" >"$work/portal.log" 2>&1 &
pid=$!

for _ in $(seq 1 60); do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "publish check: the published portal exited"; cat "$work/portal.log"; exit 1
  fi
  status="$(probe 2>/dev/null || true)"
  if [ "$status" = "200" ]; then
    echo "publish check: /health/ready 200 $(cat "$work/ready.json")"
    exit 0
  fi
  sleep 1
done

echo "publish check: /health/ready never answered 200 (last: ${status:-none})"; cat "$work/portal.log"; exit 1
