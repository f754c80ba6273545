#!/bin/sh
# Installs the browser tests' npm packages (puppeteer-core only: the browser is Debian's
# chromium, never downloaded) from the committed package-lock.json into DIR, with `npm ci`.
# Skipped when DIR already holds exactly this lock file's packages.
# Usage: install.sh SOURCE_DIR DIR
set -eu
src=$1
dir=$2
mkdir -p "$dir"
if [ -f "$dir/node_modules/.installed-lock.json" ] && cmp -s "$src/package-lock.json" "$dir/node_modules/.installed-lock.json"; then
  exit 0
fi
cp "$src/package.json" "$src/package-lock.json" "$dir/"
cd "$dir"
PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --ignore-scripts
cp package-lock.json node_modules/.installed-lock.json
