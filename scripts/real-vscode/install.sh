#!/usr/bin/env bash
# Installs what the "real VS Code" test route needs (see test/realVscode/README.md):
#   - Debian packages: chromium libkrb5-dev pkg-config ripgrep (only the missing ones)
#   - code-server@4.100.3 into <repo>/.cache/code-server/ (NOT a dependency of the extension)
# Idempotent: a marker file makes a second run a no-op. Non-interactive (CI=true, no stdin).
# Only talks to the npm registry and Debian apt.
set -euo pipefail

CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.100.3}"
RIPGREP_PKG_VERSION="1.15.11"                      # @vscode/ripgrep pinned by that code-server
RIPGREP_ASSET="ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PREFIX="${REAL_VSCODE_CODE_SERVER_DIR:-$ROOT/.cache/code-server}"   # same override as test/realVscode/codeServer.ts
MARKER="$PREFIX/.installed-$CODE_SERVER_VERSION"
BIN="$PREFIX/node_modules/.bin/code-server"

log() { printf '[real-vscode/install] %s\n' "$*"; }

# ---------- Debian packages ----------
DEB_PKGS=(chromium libkrb5-dev pkg-config ripgrep)
missing=()
for p in "${DEB_PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if ((${#missing[@]})); then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null; then SUDO="sudo -n"; else
      log "ERROR: need root (or sudo) to apt-get install: ${missing[*]}"; exit 1; fi
  fi
  log "apt-get update (once), then installing missing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update </dev/null
  $SUDO apt-get install -y --no-install-recommends "${missing[@]}" </dev/null
else
  log "Debian packages already present: ${DEB_PKGS[*]}"
fi

# ---------- code-server ----------
if [ -f "$MARKER" ] && [ -x "$BIN" ]; then
  log "code-server@$CODE_SERVER_VERSION already installed in $PREFIX (marker $MARKER); nothing to do"
  exit 0
fi

command -v rg >/dev/null || { log "ERROR: rg (Debian ripgrep) not found"; exit 1; }
command -v node >/dev/null || { log "ERROR: node not found"; exit 1; }

mkdir -p "$PREFIX/tmp"
# A private TMPDIR: @vscode/ripgrep's postinstall looks for its download cache in os.tmpdir().
export TMPDIR="$PREFIX/tmp"
RG_CACHE="$TMPDIR/vscode-ripgrep-cache-$RIPGREP_PKG_VERSION"
mkdir -p "$RG_CACHE"
if [ ! -s "$RG_CACHE/$RIPGREP_ASSET" ]; then
  log "pre-seeding ripgrep download cache with Debian's $(command -v rg) -> $RG_CACHE/$RIPGREP_ASSET"
  stage="$(mktemp -d)"
  cp "$(command -v rg)" "$stage/rg"
  tar -czf "$RG_CACHE/$RIPGREP_ASSET" -C "$stage" rg
  rm -rf "$stage"
fi

# Minimal package.json so npm treats the cache folder as its own project (never the repo's).
[ -f "$PREFIX/package.json" ] || echo '{ "name": "dl-calc-code-server-cache", "private": true }' > "$PREFIX/package.json"

log "npm install code-server@$CODE_SERVER_VERSION into $PREFIX (native builds; takes a few minutes)"
export npm_config_unsafe_perm=true      # we may be root; lets lifecycle scripts run as-is
export npm_config_yes=true              # node-pty's postinstall runs `npx node-gyp`
export npm_config_update_notifier=false
export npm_config_fund=false
export npm_config_audit=false
start=$(date +%s)
npm install --prefix "$PREFIX" --save-exact --foreground-scripts "code-server@$CODE_SERVER_VERSION" </dev/null
log "npm install took $(( $(date +%s) - start ))s"

[ -x "$BIN" ] || { log "ERROR: $BIN missing after install"; exit 1; }
# --version writes a default config.yaml into $HOME/.config: keep it out of the real home.
HOME="$TMPDIR/home" XDG_CONFIG_HOME="$TMPDIR/home/.config" "$BIN" --version
rm -f "$PREFIX"/.installed-*
date -u +%FT%TZ > "$MARKER"
log "done: $BIN (marker $MARKER)"
