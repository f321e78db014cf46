#!/usr/bin/env bash
# Builds the two base layers of the service image (docs/deploy.md, "Container image") without any registry:
#   $OUT/java  a jlink runtime with only the JDK modules the service uses, at /opt/java;
#   $OUT/base  the C libraries that runtime links against (glibc and friends, found with ldd and copied from this
#              build machine's own Debian packages, which base-packages.txt names with their versions), /etc/passwd
#              and /etc/group with the service's non-root user 10001, an empty /proc and /tmp for the runtime.
# Jib then stacks the service's dependency and class layers on top, from `scratch` (image/pom.xml).
set -euo pipefail
JAVA_HOME="${1:?usage: rootfs.sh JAVA_HOME OUT}"
OUT="${2:?usage: rootfs.sh JAVA_HOME OUT}"
# What `jdeps --print-module-deps` finds in the service's jars, plus jdk.charsets (mail in rarer charsets).
MODULES=java.base,java.compiler,java.desktop,java.instrument,java.management,java.naming,java.net.http,java.rmi,java.security.jgss,java.security.sasl,java.sql,jdk.jfr,jdk.unsupported,jdk.charsets

rm -rf "$OUT"
mkdir -p "$OUT/java/opt" "$OUT/base/etc" "$OUT/base/tmp" "$OUT/base/proc" "$OUT/base/usr/share/doc/donna-image"
"$JAVA_HOME/bin/jlink" --add-modules "$MODULES" --strip-debug --no-header-files --no-man-pages \
  --compress=zip-6 --output "$OUT/java/opt/java"

# The libraries the runtime's programs and libraries load, but not those only the desktop (AWT/X11, sound,
# splash screen) would: the service runs headless.
mapfile -t libs < <(find "$OUT/java/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) \
    ! -name libawt_xawt.so ! -name libjawt.so ! -name libjsound.so ! -name libsplashscreen.so -print0 |
  xargs -0 ldd 2>/dev/null | awk '{ p = ($3 ~ /^\//) ? $3 : $1; if (p ~ /^\//) print p }' |
  grep -v "^$OUT" | sort -u)
((${#libs[@]})) || { echo "rootfs: ldd found no libraries" >&2; exit 1; }
for lib in "${libs[@]}"; do
  mkdir -p "$OUT/base$(dirname "$lib")"
  cp -L "$lib" "$OUT/base$lib"
  chmod 0755 "$OUT/base$lib"
done

# Where each library came from, with its version and copyright (LGPL for glibc), so the image can be audited.
if command -v dpkg >/dev/null; then
  for lib in "${libs[@]}"; do dpkg -S "$lib" 2>/dev/null || dpkg -S "$(readlink -f "$lib")" 2>/dev/null || true; done |
    cut -d: -f1 | sort -u | while read -r pkg; do
      dpkg-query -W -f='${Package} ${Version}\n' "$pkg"
      [[ -f "/usr/share/doc/$pkg/copyright" ]] &&
        install -D -m 0644 "/usr/share/doc/$pkg/copyright" "$OUT/base/usr/share/doc/$pkg/copyright"
    done > "$OUT/base/usr/share/doc/donna-image/base-packages.txt"
else
  printf '%s\n' "${libs[@]}" > "$OUT/base/usr/share/doc/donna-image/base-packages.txt"
fi

printf 'root:x:0:0:root:/root:/sbin/nologin\ndonna:x:10001:10001:DONNA service:/tmp:/sbin/nologin\n' \
  > "$OUT/base/etc/passwd"
printf 'root:x:0:\ndonna:x:10001:\n' > "$OUT/base/etc/group"
# glibc's own default would try DNS first; files first keeps /etc/hosts (which runtimes mount) authoritative.
printf 'hosts: files dns\n' > "$OUT/base/etc/nsswitch.conf"
echo "rootfs: runtime $(du -sh "$OUT/java" | cut -f1), libraries ${#libs[@]} ($(du -sh "$OUT/base" | cut -f1))"
