# Shared by run.sh and test.sh: where builds go, and installing the build tools when missing.
# Every install is skipped when the right version is already there, so a second run costs nothing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"
# Build output outside the checkout: a fresh clone (CI) reuses what an earlier build compiled.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/newcityzens/target}"

CARGO_LEPTOS_VERSION="0.3.10"
BINARYEN_VERSION="132"

step() { printf '\n==> %s\n' "$*"; }

# The wasm-bindgen CLI must equal the wasm-bindgen crate pinned in Cargo.toml (and Cargo.lock).
wasm_bindgen_version() {
  sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' "$ROOT/Cargo.toml"
}

install_build_tools() {
  for component in clippy rustfmt; do
    if ! rustup component list --installed | grep -q "^$component"; then
      step "adding the $component component"
      rustup component add "$component"
    fi
  done
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    step "adding the wasm32 target"
    rustup target add wasm32-unknown-unknown
  fi
  if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
    step "installing cargo-leptos $CARGO_LEPTOS_VERSION (about 11 minutes on 2 cores)"
    # no_downloads: it must not fetch binaries from outside the package registries.
    cargo install cargo-leptos@"$CARGO_LEPTOS_VERSION" --locked --features no_downloads
  fi
  local bindgen
  bindgen="$(wasm_bindgen_version)"
  if ! wasm-bindgen --version 2>/dev/null | grep -q "$bindgen"; then
    step "installing wasm-bindgen-cli $bindgen"
    cargo install wasm-bindgen-cli --version "$bindgen" --locked
  fi
  if ! wasm-opt --version 2>/dev/null | grep -q "version $BINARYEN_VERSION"; then
    step "installing wasm-opt (binaryen $BINARYEN_VERSION from npm)"
    npm install -g binaryen@"$BINARYEN_VERSION"
  fi
}

build_release() {
  step "building the release site (server + wasm)"
  cargo leptos build --release
}

# The server binary cargo-leptos built, with its hash.txt beside it.
server_binary() {
  echo "$CARGO_TARGET_DIR/release/newcityzens"
}
