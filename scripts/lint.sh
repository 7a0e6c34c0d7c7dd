#!/usr/bin/env bash
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$APP_DIR"
have ruff || "$PYTHON" -m pip install -q ruff
ruff check antara_sales
ruff format --check antara_sales
