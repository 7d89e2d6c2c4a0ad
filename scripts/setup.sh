#!/usr/bin/env bash
# Set-up for a fresh Debian machine: checks the Rust toolchain and installs the system packages
# salesim needs: a C toolchain for crates that build C code, and for the live view and its test
# an X server without a screen (xvfb, xauth) with software Vulkan (mesa-vulkan-drivers: lavapipe)
# and the X libraries winit opens at run time. Safe to run repeatedly.
set -euo pipefail

need_apt=()
command -v cc >/dev/null 2>&1 || need_apt+=(build-essential)
command -v pkg-config >/dev/null 2>&1 || need_apt+=(pkg-config)
command -v xvfb-run >/dev/null 2>&1 || need_apt+=(xvfb)
command -v xauth >/dev/null 2>&1 || need_apt+=(xauth)
ls /usr/share/vulkan/icd.d/lvp_icd.*.json >/dev/null 2>&1 || need_apt+=(mesa-vulkan-drivers)
for pkg in libvulkan1 libx11-6 libxcursor1 libxrandr2 libxi6 libxkbcommon-x11-0; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
done

if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup: installing ${need_apt[*]} with apt-get" >&2
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "setup: cargo not found. Install Rust 1.95 or newer (https://rustup.rs) and run again." >&2
  exit 1
fi
