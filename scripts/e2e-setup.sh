#!/usr/bin/env bash
# Setup for the editor end-to-end tests (test/e2e/vscode, test/e2e/ui, and the Neovim LSP test). Idempotent:
# a second run only checks and prints the paths (about a second).
#
#   0. The plan: what is missing and will be installed is printed before anything is installed.
#   1. Debian packages: chromium (headless browser that drives code-server), neovim (Neovim LSP client test),
#      and, to build code-server's native modules, libkrb5-dev (gssapi headers for `kerberos`) and ripgrep
#      (Debian's rg stands in for the GitHub download of @vscode/ripgrep). Only the packages `dpkg -s` does not
#      know are installed (a tool already on the PATH counts as present), with `apt-get install --no-upgrade`:
#      no installed package is upgraded and no `apt-get upgrade` is run. Root only; otherwise the script stops
#      with the apt-get command to run (it never skips silently).
#   2. code-server $CS_VERSION (= VS Code 1.100.3, the last code-server whose engines.node is 20) from the npm
#      registry, into a project-local folder (default .e2e/code-server, gitignored), with a bin/code-server wrapper.
#
# Env: SEGUR_E2E_DIR (default <repo>/.e2e), CS_VERSION (default 4.100.3), CS_DIR (default $SEGUR_E2E_DIR/code-server).
# The tests find code-server at $CS_DIR/bin/code-server (override: CODE_SERVER_BIN) and Chromium at /usr/bin/chromium
# (override: CHROMIUM_BIN).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CS_VERSION="${CS_VERSION:-4.100.3}"
E2E_DIR="${SEGUR_E2E_DIR:-$ROOT/.e2e}"
CS_DIR="${CS_DIR:-$E2E_DIR/code-server}"
MARKER="$CS_DIR/.installed-$CS_VERSION"
t0=$(date +%s)
say() { printf 'e2e-setup: %s\n' "$*"; }
die() { printf 'e2e-setup: ERROR: %s\n' "$*" >&2; exit 1; }

command -v node >/dev/null || die "node is not on PATH"
command -v npm >/dev/null || die "npm is not on PATH"

# ---------------------------------------------------------------------------------------------------------------
# 0. The plan, printed before anything is installed
# ---------------------------------------------------------------------------------------------------------------
CHROMIUM="${CHROMIUM_BIN:-/usr/bin/chromium}"
cs_ready=0
if [ -f "$MARKER" ] && [ -x "$CS_DIR/bin/code-server" ] && [ -f "$CS_DIR/node_modules/code-server/package.json" ]; then
  cs_ready=1
fi
installed() { dpkg -s "$1" >/dev/null 2>&1; }
need=()
[ -x "$CHROMIUM" ] || installed chromium || need+=(chromium)
command -v nvim >/dev/null || installed neovim || need+=(neovim)
if [ "$cs_ready" = 0 ]; then   # only needed to build code-server
  installed libkrb5-dev || need+=(libkrb5-dev)
  command -v rg >/dev/null || installed ripgrep || need+=(ripgrep)
fi
plan=()
[ ${#need[@]} -gt 0 ] && plan+=("Debian packages: ${need[*]} (apt-get install --no-upgrade; nothing else upgraded)")
[ "$cs_ready" = 0 ] && plan+=("code-server $CS_VERSION from the npm registry into $CS_DIR (about 1 minute, ~300 MB)")
if [ ${#plan[@]} -gt 0 ]; then
  say "à installer / to install:"
  for p in "${plan[@]}"; do say "  - $p"; done
else
  say "rien à installer / nothing to install"
fi

# ---------------------------------------------------------------------------------------------------------------
# 1. Debian packages
# ---------------------------------------------------------------------------------------------------------------
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    die "missing Debian packages: ${need[*]}. Run as root: apt-get update && apt-get install -y --no-upgrade --no-install-recommends ${need[*]} (then re-run bash scripts/e2e-setup.sh)"
  fi
  command -v apt-get >/dev/null || die "missing packages ${need[*]} and no apt-get on this machine"
  say "installing Debian packages: ${need[*]}"
  apt-get update -q
  # --no-upgrade: a package of the list that is somehow installed already stays at its version. Only the
  # dependencies these packages require may be installed or raised, as apt-get decides; nothing else is upgraded.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-upgrade --no-install-recommends "${need[@]}"
fi
[ -x "$CHROMIUM" ] || die "$CHROMIUM is still missing after apt-get install chromium"
command -v nvim >/dev/null || die "nvim is still missing after apt-get install neovim"

# ---------------------------------------------------------------------------------------------------------------
# 2. code-server from the npm registry (local install; see the notes on each workaround)
# ---------------------------------------------------------------------------------------------------------------
if [ "$cs_ready" = 1 ]; then
  say "code-server $CS_VERSION already installed in $CS_DIR"
else
  NODE_MAJOR=$(node -p 'process.versions.node.split(".")[0]')
  WANT_NODE=$(npm view "code-server@$CS_VERSION" engines.node 2>/dev/null | tr -dc '0-9' | cut -c1-2 || true)
  [ -n "$WANT_NODE" ] || die "cannot read code-server@$CS_VERSION from the npm registry (npm view failed)"
  if [ "$WANT_NODE" != "$NODE_MAJOR" ]; then
    die "code-server $CS_VERSION needs Node $WANT_NODE, this is Node $NODE_MAJOR (4.100.3 is the one for Node 20)"
  fi
  command -v rg >/dev/null || die "ripgrep (rg) is missing"
  installed libkrb5-dev || die "libkrb5-dev is missing"
  say "installing code-server $CS_VERSION into $CS_DIR (about 1 minute, ~300 MB)"
  rm -rf "$CS_DIR/node_modules" "$CS_DIR/package-lock.json" "$CS_DIR"/.installed-*
  mkdir -p "$CS_DIR/bin" "$CS_DIR/.rg"
  # Its own package.json, so npm does not walk up to the project's.
  echo '{ "name": "segur-json-e2e-code-server", "private": true }' > "$CS_DIR/package.json"

  # @vscode/ripgrep's postinstall downloads rg from api.github.com (unreachable: ~30 s of retries, then failure).
  # It first looks in $TMPDIR/vscode-ripgrep-cache-<pkg version>/ripgrep-<tag>-x86_64-unknown-linux-musl.tar.gz:
  # seed that with Debian's rg. Version and tag are read from code-server's shrinkwrap and the package itself.
  pack_dir=$(mktemp -d)
  trap 'rm -rf "$pack_dir"' EXIT
  cs_tgz=$(cd "$pack_dir" && npm pack "code-server@$CS_VERSION" --silent 2>/dev/null | tail -1)
  RG_VER=$(tar -xOzf "$pack_dir/$cs_tgz" package/lib/vscode/npm-shrinkwrap.json | node -e '
    let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
      const p = JSON.parse(s).packages["node_modules/@vscode/ripgrep"]; console.log(p ? p.version : ""); });')
  if [ -n "$RG_VER" ]; then
    rg_tgz=$(cd "$pack_dir" && npm pack "@vscode/ripgrep@$RG_VER" --silent 2>/dev/null | tail -1)
    RG_TAG=$(tar -xOzf "$pack_dir/$rg_tgz" package/lib/postinstall.js | sed -n "s/^const VERSION = '\(.*\)';/\1/p")
    [ -n "$RG_TAG" ] || die "cannot read the ripgrep release tag from @vscode/ripgrep@$RG_VER"
    cache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-$RG_VER"
    mkdir -p "$cache"
    cp "$(command -v rg)" "$CS_DIR/.rg/rg"
    tar czf "$cache/ripgrep-$RG_TAG-x86_64-unknown-linux-musl.tar.gz" -C "$CS_DIR/.rg" rg
    say "seeded $cache with Debian's rg ($RG_TAG)"
  fi

  # npm_config_yes=true: node-pty's postinstall runs `npx node-gyp` and the machine's npmrc says yes=false.
  # --unsafe-perm: code-server's postinstall.sh refuses to run as root without it (npm 11 warns
  # "Unknown cli config" but still exports it). A global install (-g) fails here (nested npm install: ENOTEMPTY).
  # argon2 and kerberos fail to fetch prebuilt binaries from GitHub and build from source (g++ + node headers).
  unsafe=(); [ "$(id -u)" = 0 ] && unsafe=(--unsafe-perm)
  (cd "$CS_DIR" && npm_config_yes=true npm install --no-audit --no-fund --save-exact "code-server@$CS_VERSION" "${unsafe[@]}")

  cat > "$CS_DIR/bin/code-server" <<'WRAP'
#!/bin/sh
# Wrapper written by scripts/e2e-setup.sh: runs the project-local code-server.
here=$(cd "$(dirname "$0")/.." && pwd)
exec "$here/node_modules/.bin/code-server" "$@"
WRAP
  chmod +x "$CS_DIR/bin/code-server"
  # Check it runs (XDG dirs inside CS_DIR, so nothing is written to ~/.config).
  XDG_CONFIG_HOME="$CS_DIR/.xdg" XDG_DATA_HOME="$CS_DIR/.xdg" "$CS_DIR/bin/code-server" --version >/dev/null \
    || die "code-server was installed but does not run"
  touch "$MARKER"
fi

# ---------------------------------------------------------------------------------------------------------------
# 3. Checks and paths
# ---------------------------------------------------------------------------------------------------------------
version=$(XDG_CONFIG_HOME="$CS_DIR/.xdg" XDG_DATA_HOME="$CS_DIR/.xdg" "$CS_DIR/bin/code-server" --version | head -1)
case "$version" in "$CS_VERSION "*) ;; *) die "unexpected code-server version: $version (want $CS_VERSION)";; esac
if ! (cd "$ROOT" && node -e 'require.resolve("playwright-core"); require.resolve("mocha"); require.resolve("@vscode/test-electron")') 2>/dev/null; then
  die "playwright-core / mocha / @vscode/test-electron are not installed in $ROOT: run npm ci first"
fi
say "ready in $(( $(date +%s) - t0 )) s"
echo "CODE_SERVER_BIN=$CS_DIR/bin/code-server   # code-server $version"
echo "CHROMIUM_BIN=$CHROMIUM"
echo "NVIM_BIN=$(command -v nvim)"
