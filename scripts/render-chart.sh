#!/usr/bin/env bash
# Renders an SVG chart to PNG in headless Chromium (Debian package `chromium`), the way a browser
# shows it. Usage: scripts/render-chart.sh chart.svg out.png [width height]
set -euo pipefail
svg=${1:?usage: render-chart.sh chart.svg out.png [width height]}
png=${2:?usage: render-chart.sh chart.svg out.png [width height]}
width=${3:-1200}
height=${4:-700}
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "chromium not found: apt-get install -y chromium" >&2
  exit 1
fi
profile=$(mktemp -d)
page=$(mktemp --suffix=.html)
trap 'rm -rf "$profile" "$page"' EXIT
# Wrapped in a page so the SVG keeps its own size on a white background.
{
  echo '<!doctype html><html><head><meta charset="utf-8"><style>html,body{margin:0;background:#fff}</style></head><body>'
  cat "$svg"
  echo '</body></html>'
} > "$page"
"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$profile" \
  --screenshot="$(realpath -m "$png")" --window-size="${width},${height}" "file://$page" 2>/dev/null
test -s "$png"
echo "rendered $png"
