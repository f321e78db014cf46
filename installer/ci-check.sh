#!/usr/bin/env bash
# The installer check CI runs (through `./donna test` when CI=true, on Linux): build the app-image and the .deb,
# install the .deb the way a user would (dpkg -i), start the installed app under Xvfb with --smoke and fail unless
# it printed its first frame; then once more with --smoke=service, so the bundled service and its embedded Postgres
# are proven to work from the package too (the natives of this OS made it in).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
SUDO=""; [[ $(id -u) -eq 0 ]] || SUDO="sudo"
started=$SECONDS

fail() { echo "ci: installed-package check FAILED: $*" >&2; exit 1; }

echo "ci: building the app-image and the .deb"
# No compression: the .deb is installed right here, so packing time matters and size does not.
./mvnw -B -q -pl installer -am package -DskipTests -Ddonna.package -Ddonna.package.types=deb \
  -Ddonna.deb.compression=none
deb=$(ls -t installer/target/installer/packages/donna_*.deb 2>/dev/null | head -1)
[[ -n "$deb" ]] || fail "no .deb was built"

echo "ci: installing $deb"
# Minimal CI images have no menu folders; the package's postinst (xdg-desktop-menu) refuses to run without them.
$SUDO mkdir -p /usr/share/applications /usr/share/desktop-directories /etc/xdg/menus
$SUDO dpkg -i "$deb" >/dev/null
launcher=$(dpkg -L donna | grep -E '/bin/DONNA$' | head -1)
[[ -x "$launcher" ]] || fail "the package installed no launcher"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
smoke() { # $1 = smoke option; prints the app's stdout, fails with its stderr's tail
  local out
  if ! out=$(DONNA_DATA_DIR="$work/data" timeout 300 xvfb-run -a "$launcher" "$1" 2>"$work/stderr"); then
    echo "$out"
    # The first errors say why; the tail says where it stopped.
    grep -E 'ERROR|Exception|Caused by' "$work/stderr" | head -20 >&2 || true
    tail -20 "$work/stderr" >&2
    fail "$launcher $1 exited with an error"
  fi
  echo "$out"
}

out=$(smoke --smoke)
frame=$(grep -E '^first-frame-ms=[0-9]+$' <<<"$out") || { echo "$out"; fail "the installed app printed no first frame"; }
out=$(smoke --smoke=service)
service=$(grep -E '^service-ready-ms=[0-9]+$' <<<"$out") \
  || { echo "$out"; fail "the installed app's bundled service did not come up"; }
echo "ci: installed package OK ($launcher): $frame, $service; check took $((SECONDS - started)) s"
