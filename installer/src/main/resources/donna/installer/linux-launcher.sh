#!/bin/sh
# DONNA's launcher on Linux, in place of jpackage's. jpackage's asks the package managers which package owns it
# (`rpm -qf`, `dpkg -S`, then `dpkg -L`) twice at every start: 0.1 to 0.3 s before Java even starts. This one reads
# the same configuration (lib/app/DONNA.cfg, which the packager and the AOT training edit) and starts the bundled
# runtime directly. See docs/packaging.md.
self=$(readlink -f "$0")
root=${self%/bin/*}
app="$root/lib/app"
n=$#

# The JVM options and class path go after the user's arguments first, then those move behind them. No command
# substitutions in the loop: each would fork a shell, and the class path has over a hundred entries.
classpath=""
main=""
while IFS= read -r line || [ -n "$line" ]; do
  value=${line#*=}
  # "$APPDIR" is the app folder (jpackage writes it at most once per value).
  case $value in *'$APPDIR'*) value="${value%%\$APPDIR*}$app${value#*\$APPDIR}" ;; esac
  case $line in
    java-options=*) set -- "$@" "$value" ;;
    app.classpath=*) classpath="$classpath${classpath:+:}$value" ;;
    app.mainclass=*) main=$value ;;
  esac
done < "$app/${self##*/}.cfg"

# No GPU device: the only OpenGL here is Mesa's software one, which JavaFX refuses anyway. Without this, GTK and
# JavaFX still load it to find that out (libLLVM and Mesa: ~60 MB of memory and ~60 ms of CPU at every start).
gpu=""
for device in /dev/dri/renderD* /dev/dri/card* /dev/nvidia0; do
  [ -e "$device" ] && gpu=yes
done
# JavaFX's software renderer then keeps its frames on the Java heap. Its cache of region backgrounds is one
# 2048x1024 texture (8 MB of heap) from the first frame on: without it the renderer redraws those backgrounds, which
# costs it little (docs/performance.md, memory).
if [ -z "$gpu" ]; then
  export GDK_GL="${GDK_GL:-disable}"
  set -- "$@" -Dprism.order=sw -Dprism.disableRegionCaching=true
fi

set -- "$@" "-Djpackage.app-path=$self" -cp "$classpath" "$main"
while [ "$n" -gt 0 ]; do
  set -- "$@" "$1"
  shift
  n=$((n - 1))
done
exec "$root/lib/runtime/bin/java" "$@"
