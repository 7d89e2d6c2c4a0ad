#!/usr/bin/env bash
# Build the live workshop view for web browsers into web/dist (index.html, game.js, salesim-web.js,
# salesim-web_bg.wasm): a static site that any web server can host (`?game` pages need
# `salesim serve`, which also embeds index.html and game.js itself). Serve it locally with
#   python3 -m http.server -d web/dist 8000     (then open http://localhost:8000)
# Installs the wasm32 target and wasm-bindgen-cli at the version Cargo.lock pins when missing.
# SALESIM_WEB_PROFILE picks the cargo profile: `web` (default: dependencies at opt-level 1, about
# 11 minutes cold on 2 cores) or `release` (everything at opt-level 3: about 20 minutes cold, and
# a third less time per frame in the page).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    rustup target add wasm32-unknown-unknown
fi
version=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $version"; then
    echo "installing wasm-bindgen-cli $version (matches Cargo.lock)"
    cargo install wasm-bindgen-cli --version "$version"
fi
target_dir=${CARGO_TARGET_DIR:-target}
profile=${SALESIM_WEB_PROFILE:-web}
cargo build --profile "$profile" --target wasm32-unknown-unknown --bin salesim-web --features web
rm -rf web/dist.partial
wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section \
    --out-dir web/dist.partial --out-name salesim-web \
    "$target_dir/wasm32-unknown-unknown/$profile/salesim-web.wasm"
cp web/index.html web/game.js web/dist.partial/
rm -rf web/dist
mv web/dist.partial web/dist
echo "built web/dist ($(du -sh web/dist | cut -f1)); serve it with: python3 -m http.server -d web/dist 8000"
