#!/usr/bin/env bash
# make previews: a PNG of the first page of each ANTARA print format (F/KOM/003, F/KOM/004, the
# contract's customer and archive copies, the weekly meeting's minutes), rendered from the demo site
# (SITE) through Frappe's PDF path, into docs/print-previews/. Needs the demo running (make demo):
# wkhtmltopdf fetches the print CSS from the site's web server (platform note 12).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$APP_DIR"

have pdftoppm || { log "pdftoppm is missing: apt-get install poppler-utils"; exit 1; }
if ! curl -fsS -o /dev/null "http://$SITE:$WEB_PORT/api/method/ping"; then
	log "The demo site does not answer on http://$SITE:$WEB_PORT: start it with make demo"
	exit 1
fi

OUT="$APP_DIR/docs/print-previews"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$OUT"

bench_cmd --site "$SITE" execute antara_sales.setup.print_previews.render --kwargs "{'out_dir': '$TMP'}"
for pdf in "$TMP"/*.pdf; do
	name=$(basename "${pdf%.pdf}")
	pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$pdf" "$OUT/$name"
	echo "$OUT/$name.png ($(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}') page(s) in the PDF)"
done
