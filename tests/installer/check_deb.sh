#!/bin/bash
# Builds the .deb from the build tree with cpack, unpacks it into a temporary root (dpkg -x) and
# checks what an installation would get: a binary that runs, library dependencies that match what
# it links, a valid desktop entry with its icon, the headless systemd unit, and maintainer scripts
# that create the service user.
# Usage: check_deb.sh <build dir>
set -euo pipefail

build=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }

if ! cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1; then
    cat "$work/cpack.log" >&2
    echo "FAIL: cpack -G DEB" >&2
    exit 1
fi
shopt -s nullglob
debs=("$work"/out/*.deb)
[ ${#debs[@]} -eq 1 ] || { echo "FAIL: expected one .deb, got: ${debs[*]:-none}" >&2; exit 1; }
deb=${debs[0]}
echo "package: $(basename "$deb")"

root=$work/root
dpkg -x "$deb" "$root"
dpkg -I "$deb" >"$work/info"
dpkg-deb -e "$deb" "$work/control"
field() { dpkg-deb -f "$deb" "$1"; }

# Every file lands where Debian expects it, nothing else (headers, static libraries, tests).
dpkg-deb -c "$deb" | awk '{print $NF}' | sed 's|^\./|/|' | grep -v '/$' | sort >"$work/files"
unexpected=$(grep -v -E '^/(usr/bin/homeport|usr/share/applications/homeport\.desktop|usr/share/icons/hicolor/(scalable/apps/homeport\.svg|64x64/apps/homeport\.png)|lib/systemd/system/homeport-headless\.service)$' "$work/files" || true)
[ -z "$unexpected" ] && pass "only the expected files" || fail "unexpected files in the package: $unexpected"

# The binary runs from the unpacked root and reports the package's version.
binary=$root/usr/bin/homeport
if [ -x "$binary" ]; then
    version=$(env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$binary" --version)
    [ "$version" = "homeport $(field Version)" ] && pass "--version: $version" \
        || fail "--version printed '$version', package version is $(field Version)"
else
    fail "usr/bin/homeport missing or not executable"
fi

# Depends names the package of every shared library the binary links, plus the plugins it loads.
depends=$(field Depends)
echo "Depends: $depends"
depends_names=$(echo "$depends" | tr ',' '\n' | sed -e 's/(.*)//' -e 's/|.*//' -e 's/:.*//' -e 's/[[:space:]]//g')
# A here-string, not a pipe: with pipefail, grep -q leaving early can kill the writer with SIGPIPE
# and turn a match into a failure.
has_depend() { grep -qx -- "$1" <<<"$depends_names"; }
while read -r lib path; do
    [ -n "$path" ] || { fail "cannot resolve $lib"; continue; }
    pkg=$(dpkg -S "$(readlink -f "$path")" 2>/dev/null | sed -n 1p | cut -d: -f1) \
        || pkg=$(dpkg -S "$path" 2>/dev/null | sed -n 1p | cut -d: -f1) || pkg=
    [ -n "$pkg" ] || { fail "no Debian package owns $path ($lib)"; continue; }
    # libc and libstdc++ come in through dpkg-shlibdeps as well; every library must be covered.
    has_depend "$pkg" && pass "Depends covers $lib ($pkg)" || fail "Depends lacks $pkg (for $lib)"
done < <(objdump -p "$binary" | awk '/NEEDED/ {print $2}' | while read -r lib; do
    # "libz.so.1 => /lib/.../libz.so.1 (0x...)", or "/lib64/ld-linux-x86-64.so.2 (0x...)".
    echo "$lib $(ldd "$binary" | awk -v l="$lib" '$1 == l && $2 == "=>" {print $3} $1 ~ "/" l "$" {print $1}')"
done)
for pkg in adduser libqt6sql6-sqlite libqt6svg6; do
    has_depend "$pkg" && pass "Depends has $pkg" || fail "Depends lacks $pkg"
done

# The desktop entry is valid, starts the installed binary and names an icon that is installed.
desktop=$root/usr/share/applications/homeport.desktop
if [ -f "$desktop" ]; then
    if out=$(desktop-file-validate "$desktop" 2>&1) && [ -z "$out" ]; then
        pass "desktop-file-validate"
    else
        fail "desktop-file-validate: $out"
    fi
    grep -qx 'Exec=homeport' "$desktop" && pass "Exec=homeport" || fail "desktop entry does not run homeport"
    grep -qx 'Icon=homeport' "$desktop" && pass "Icon=homeport" || fail "desktop entry icon is not 'homeport'"
else
    fail "usr/share/applications/homeport.desktop missing"
fi
svg=$root/usr/share/icons/hicolor/scalable/apps/homeport.svg
grep -q '<svg' "$svg" 2>/dev/null && pass "SVG icon" || fail "no SVG icon at $svg"
grep -q '^PNG image data, 64 x 64' <<<"$(file -b "$root/usr/share/icons/hicolor/64x64/apps/homeport.png" 2>/dev/null)" \
    && pass "64x64 PNG icon" || fail "no 64x64 PNG icon"

# The systemd unit: its own user, state in /var/lib/homeport, reload by SIGHUP; systemd accepts it.
unit=$root/lib/systemd/system/homeport-headless.service
if [ -f "$unit" ]; then
    for line in 'User=homeport' 'Group=homeport' 'StateDirectory=homeport' \
        'ExecStart=/usr/bin/homeport --headless --data-dir /var/lib/homeport' 'ExecReload=/bin/kill -HUP $MAINPID' \
        'WantedBy=multi-user.target'; do
        grep -qxF "$line" "$unit" && pass "unit: $line" || fail "unit lacks '$line'"
    done
    grep -q '^DynamicUser=' "$unit" && fail "unit uses DynamicUser, not the homeport user" || true
    # systemd-analyze checks the unit's syntax and that its commands exist; ExecStart points at the
    # unpacked binary for that, since nothing is installed on this machine.
    mkdir -p "$work/unit"
    sed "s|^ExecStart=/usr/bin/homeport|ExecStart=$binary|" "$unit" >"$work/unit/homeport-headless.service"
    if out=$(systemd-analyze verify "$work/unit/homeport-headless.service" 2>&1) && [ -z "$out" ]; then
        pass "systemd-analyze verify"
    else
        fail "systemd-analyze verify: $out"
    fi
else
    fail "lib/systemd/system/homeport-headless.service missing"
fi

# Maintainer scripts: syntax, and the postinst creates the system user when it is missing (run with
# stand-ins for getent/adduser/systemctl that only record their arguments).
for script in postinst prerm postrm; do
    s=$work/control/$script
    if [ -x "$s" ] && sh -n "$s"; then pass "$script present and parses"; else fail "$script missing or broken"; fi
done
shims=$work/shims
mkdir -p "$shims"
printf '#!/bin/sh\nexit 2\n' >"$shims/getent"
printf '#!/bin/sh\necho "adduser $*" >>"%s"\n' "$work/calls" >"$shims/adduser"
printf '#!/bin/sh\necho "systemctl $*" >>"%s"\n' "$work/calls" >"$shims/systemctl"
chmod +x "$shims"/*
PATH=$shims:/usr/bin:/bin sh "$work/control/postinst" configure
grep -q -- 'adduser --system --group .*--home /var/lib/homeport .* homeport$' "$work/calls" 2>/dev/null \
    && pass "postinst creates the homeport system user" || fail "postinst did not create the user: $(cat "$work/calls" 2>/dev/null)"
grep -q 'deluser .*homeport' "$work/control/postrm" && grep -q 'purge' "$work/control/postrm" \
    && pass "postrm removes the user on purge" || fail "postrm does not remove the user on purge"

if [ "$failures" -ne 0 ]; then
    echo "$failures check(s) failed" >&2
    exit 1
fi
echo "all package checks passed"
