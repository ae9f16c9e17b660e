#!/usr/bin/env bash
# Runs the README's walkthrough exactly as written (the ```bash blocks between the walkthrough
# markers, in order, in one shell) and checks the answers after each step, so the README cannot
# drift from the API. Needs a running demo: API=http://localhost:3000/api/v1 by default.
# Usage: [API=...] [DEMO_PASSWORD=...] bash scripts/walkthrough.sh [README.md]
set -euo pipefail
cd "$(dirname "$0")/.."
readme=${1:-README.md}

# Each step's checks run in the walkthrough's shell right after its block, so they see its variables.
read -r -d '' CHECKS <<'EOF' || true
fail() { echo "WALKTHROUGH FAILED at step $STEP: $*" >&2; exit 1; }
uuid() { [[ $1 =~ ^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$ ]] || fail "$2 is not a uuid: '$1'"; }
check_setup() {
  [[ $(echo "$HEALTH" | json status) == ok ]] || fail "health is not ok: $HEALTH"
  [[ $TODAY =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]] || fail "TODAY=$TODAY"
}
check_coordinator() {
  [[ $TOKEN == *.*.* ]] || fail "no JWT for coordinator"
  uuid "$PATIENT" PATIENT; uuid "$COURSE" COURSE
  [[ $(echo "$SUBMITTED" | json status) == QUEUED ]] || fail "submit answered $SUBMITTED"
  [[ $STATUS == SCHEDULED ]] || fail "course $COURSE ended $STATUS, not SCHEDULED"
}
check_appointments() {
  [[ $(echo "$APPOINTMENTS" | json length) == 25 ]] || fail "expected 25 appointments"
  echo "$APPOINTMENTS" | node -e '
    const a = JSON.parse(require("fs").readFileSync(0, "utf8"));
    const days = new Set(a.map((x) => x.start.slice(0, 10)));
    const bad = a.filter((x, i) => x.status !== "BOOKED" || x.fraction !== i + 1 || !(x.start < x.end) || new Date(x.start) < Date.now() - 60e3);
    if (bad.length || days.size !== a.length) { console.error("bad appointments", bad.slice(0, 2)); process.exit(1); }' || fail "appointments malformed"
  uuid "$ROOM" ROOM
  (( $(echo "$ROOM_DAY" | json length) >= 1 )) || fail "the room's day does not list the course's first fraction"
  echo "$ROOM_DAY" | node -e '
    const a = JSON.parse(require("fs").readFileSync(0, "utf8"));
    if (!a.some((x) => x.courseId === process.argv[1] && x.fraction === 1)) process.exit(1)' "$COURSE" || fail "first fraction missing from the room's day"
  echo "$CAPACITY" | node -e '
    const c = JSON.parse(require("fs").readFileSync(0, "utf8"));
    if (c.rooms.length !== 3) process.exit(1);
    const booked = c.rooms.flatMap((r) => r.weeks).reduce((s, w) => s + w.bookedMinutes, 0);
    if (!(booked > 0)) process.exit(2)' || fail "capacity does not show 3 rooms with booked minutes"
}
check_ministry() {
  uuid "$QUOTA" QUOTA; uuid "$HOLD" HOLD; uuid "$REFERRAL" REFERRAL
  [[ $RELEASED == RELEASED ]] || fail "release answered $RELEASED"
  (( AVAILABLE_AFTER == AVAILABLE_BEFORE - 1 )) || fail "available went $AVAILABLE_BEFORE -> $AVAILABLE_AFTER, not down by one"
  [[ $LEDGER_OK == true ]] || fail "ledger and counters disagree"
  [[ $REFERRAL_COURSE =~ ^(QUEUED|SCHEDULED)$ ]] || fail "referred course is $REFERRAL_COURSE"
  local code
  code=$(curl -s -o /dev/null -w '%{http_code}' "$API/courses/$COURSE" -H "Authorization: Bearer $KG_TOKEN")
  [[ $code == 404 ]] || fail "ministry-kg sees the coordinator's course ($code), expected 404"
}
check_forecast() {
  [[ $FORECAST_STATUS == DONE ]] || fail "forecast ended $FORECAST_STATUS"
  head -c 300 forecast.svg | grep -q '<svg' || fail "forecast.svg is not an SVG"
  (( $(wc -c < forecast.svg) > 2000 )) || fail "forecast.svg is suspiciously small"
}
EOF

script=$(mktemp)
trap 'rm -f "$script"' EXIT
{
  echo 'set -euo pipefail'
  echo "$CHECKS"
  # A fenced bash block after "<!-- step: NAME -->" becomes: STEP=NAME; <block>; check_NAME
  awk '
    /<!-- walkthrough:begin -->/ { on = 1; next }
    /<!-- walkthrough:end -->/ { on = 0 }
    !on { next }
    match($0, /<!-- step: [a-z-]+ -->/) { step = substr($0, RSTART + 11, RLENGTH - 15); next }
    /^```bash$/ && step != "" { inblock = 1; print "STEP=" step; print "echo \"== " step "\" >&2"; next }
    /^```$/ && inblock { inblock = 0; print "check_" step; step = ""; next }
    inblock { print }
  ' "$readme"
  echo 'echo "WALKTHROUGH OK: every step answered as the README says" >&2'
} > "$script"

steps=$(grep -c '^check_[a-z]*$' "$script" || true)
[[ $steps -ge 5 ]] || { echo "found only $steps walkthrough steps in $readme" >&2; exit 1; }
workdir=$(mktemp -d)
trap 'rm -f "$script"; rm -rf "$workdir"' EXIT
# The walkthrough writes forecast.svg into the current directory; keep the repo clean.
cp "$script" "$workdir/walkthrough-run.sh"
cd "$workdir" && bash walkthrough-run.sh
