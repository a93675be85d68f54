#!/usr/bin/env bash
# Smoke test of the publish output, run the way the Docker image runs it. The script publishes the
# host into a folder and starts `dotnet ChatBot.dll` there with configuration from environment
# variables only: the console channel, ml-latest-small from the shared data folder, a fresh data
# folder and the health endpoint on 127.0.0.1. It pipes a short session, then checks /health/live,
# /health/ready, the message counter on /metrics and the backup command through the control socket.
# Any mismatch fails the script and prints the bot's log.
#
# Usage: scripts/smoke-publish.sh        (CHATBOT_SHARED_DATA overrides ../shared/data)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared_data="${CHATBOT_SHARED_DATA:-$root/../shared/data}"
movielens="$(cd "$shared_data/movielens/ml-latest-small" 2>/dev/null && pwd)" || {
  echo "smoke: FAILED: no ml-latest-small folder under $shared_data/movielens; set CHATBOT_SHARED_DATA." >&2
  exit 1
}

work="$(mktemp -d -t chatbot-smoke-XXXXXX)"
publish="$work/publish"
data="$work/data"
bot_pid=""

stop_bot() {
  if [[ -n "$bot_pid" ]] && kill -0 "$bot_pid" 2>/dev/null; then
    kill -TERM "$bot_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$bot_pid" 2>/dev/null || break
      sleep 0.2
    done
    if kill -0 "$bot_pid" 2>/dev/null; then
      echo "smoke: the bot (PID $bot_pid) ignored SIGTERM for 10 s; sending SIGKILL." >&2
      kill -KILL "$bot_pid" 2>/dev/null || true
    fi
  fi
}

cleanup() {
  stop_bot
  exec 3>&- 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "smoke: FAILED: $*" >&2
  if [[ -f "$work/bot.err" ]]; then
    echo "---- bot standard error (last 40 lines) ----" >&2
    tail -n 40 "$work/bot.err" >&2
  fi
  if [[ -f "$work/bot.out" ]]; then
    echo "---- bot standard output ----" >&2
    cat "$work/bot.out" >&2
  fi
  exit 1
}

echo "smoke: publishing src/ChatBot.Host (Release, linux-x64, framework-dependent) into $publish"
dotnet publish "$root/src/ChatBot.Host" -c Release -r linux-x64 --self-contained false -o "$publish" -nologo -v quiet

# The image carries only linux-x64 native libraries; a runtimes/ folder for another platform means a
# package's natives were not filtered by the runtime identifier.
foreign_natives="$(find "$publish" -path '*/runtimes/*' ! -path '*/runtimes/linux-x64*' -print -quit)"
[[ -z "$foreign_natives" ]] || fail "the publish folder holds natives for another platform: $foreign_natives"
[[ -f "$publish/ChatBot.dll" ]] || fail "the publish folder has no ChatBot.dll"

# A free port on 127.0.0.1 for the health endpoint.
port=""
for _ in $(seq 1 50); do
  candidate=$((20000 + RANDOM % 40000))
  if [[ -z "$(ss -Hltn "sport = :$candidate" 2>/dev/null)" ]]; then
    port="$candidate"
    break
  fi
done
[[ -n "$port" ]] || fail "found no free port on 127.0.0.1"
base="http://127.0.0.1:$port"

# Configuration as the image passes it: environment variables only. Platform tokens from the
# calling environment are dropped so the console channel is the only channel.
bot_environment=(
  -u Telegram__BotToken -u Discord__BotToken
  DOTNET_ENVIRONMENT=Production
  Data__Directory="$data"
  Catalog__MovieLensPath="$movielens"
  Catalog__AutoDownload=false
  Console__Enabled=true
  Console__Locale=en
  Health__Enabled=true
  Health__Url="$base"
)

session=(
  "/rate the matrix 5"
  "/rate toy story 4.5"
  "/ratings"
  "/recommend comedy"
  "something like alien but funnier"
)

mkfifo "$work/stdin"
echo "smoke: starting dotnet ChatBot.dll in $publish (health endpoint $base)"
(cd "$publish" && exec env "${bot_environment[@]}" dotnet ChatBot.dll <"$work/stdin" >"$work/bot.out" 2>"$work/bot.err") &
bot_pid=$!
# Holding the write end open keeps the bot's standard input open until the checks are done.
exec 3>"$work/stdin"
printf '%s\n' "${session[@]}" >&3

# Waits up to $1 seconds for a command to succeed.
wait_for() {
  local seconds="$1"
  shift
  local deadline=$((SECONDS + seconds))
  until "$@"; do
    kill -0 "$bot_pid" 2>/dev/null || fail "the bot exited early"
    ((SECONDS < deadline)) || return 1
    sleep 0.5
  done
}

is_ready() { [[ "$(curl -s -o "$work/ready.json" -w '%{http_code}' "$base/health/ready")" == 200 ]]; }
wait_for 120 is_ready || fail "GET $base/health/ready did not return 200 within 120 s: $(cat "$work/ready.json" 2>/dev/null)"
echo "smoke: GET /health/ready -> 200 $(tr -d '\n' <"$work/ready.json")"

live="$(curl -fsS "$base/health/live")" || fail "GET $base/health/live failed"
[[ "$live" == "Healthy" ]] || fail "GET /health/live returned '$live', expected 'Healthy'"
echo "smoke: GET /health/live -> 200 $live"

expected="${#session[@]}"
received_count() {
  curl -fs "$base/metrics" >"$work/metrics.txt" || return 1
  local value
  value="$(awk '/^chatbot_messages_received_total\{/ && /channel="console"/ { print $NF }' "$work/metrics.txt")"
  [[ "$value" == "$expected" ]]
}
if ! wait_for 120 received_count; then
  grep '^chatbot_messages_received_total' "$work/metrics.txt" >&2 || true
  fail "chatbot_messages_received_total{channel=\"console\"} did not reach $expected (the session's messages) within 120 s"
fi
echo "smoke: GET /metrics -> $(grep '^chatbot_messages_received_total' "$work/metrics.txt")"
# Duration histograms are in seconds, so their buckets must include sub-second bounds.
grep -q '^chatbot_reply_duration_seconds_bucket{.*channel="console".*le="0.5"}' "$work/metrics.txt" \
  || fail "chatbot_reply_duration_seconds has no le=\"0.5\" bucket for the console channel"
echo "smoke: GET /metrics -> $(grep '^chatbot_reply_duration_seconds_count' "$work/metrics.txt")"

replies_done() { [[ "$(grep -c '^Saved: ' "$work/bot.out")" -ge 2 ]]; }
wait_for 60 replies_done || fail "the bot did not confirm both ratings on standard output"
grep -q '^Saved: The Matrix (1999) ★★★★★ 5' "$work/bot.out" || fail "no confirmation of the rating of The Matrix"
grep -q '^Saved: Toy Story (1995) ★★★★½ 4.5' "$work/bot.out" || fail "no confirmation of the rating of Toy Story"
echo "smoke: the bot confirmed both ratings on standard output"

# A backup through the control socket of the running bot, started from the publish folder like
# `docker compose exec chatbot dotnet ChatBot.dll backup` would.
backup_output="$(cd "$publish" && env "${bot_environment[@]}" dotnet ChatBot.dll backup "$work/backup.db" 2>"$work/backup.err")" \
  || fail "the backup command failed: $(cat "$work/backup.err")"
grep -q "asking the running bot (process $bot_pid)" "$work/backup.err" || fail "the backup did not go through the running bot: $(cat "$work/backup.err")"
[[ "$backup_output" == *"1 people, 2 ratings."* ]] || fail "the backup reported '$backup_output', expected 1 person and 2 ratings"
echo "smoke: backup while running -> $backup_output"

echo "smoke: stopping the bot (PID $bot_pid) with SIGTERM"
kill -TERM "$bot_pid"
status=0
wait "$bot_pid" || status=$?
bot_pid=""
[[ "$status" -eq 0 ]] || fail "the bot exited with code $status after SIGTERM, expected 0"
[[ ! -e "$data/control.sock" ]] || fail "the bot left its control socket behind"
echo "smoke: the bot stopped with exit code 0"
echo "smoke: passed"
