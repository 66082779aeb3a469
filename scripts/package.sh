#!/usr/bin/env bash
# Builds what a person installs without Rust: a static binary in a tarball, and a Debian
# package, both with the man page and the shell completions.
#
#   scripts/package.sh            into dist/
#   scripts/package.sh OUT_DIR    into OUT_DIR
#
# Needs the musl target (`rustup target add x86_64-unknown-linux-musl`) and cargo-deb
# (`cargo install cargo-deb --locked`), both from the registries alone, and dpkg-deb and
# musl-gcc (Debian's dpkg and musl-tools);
# says which is missing and stops otherwise. Writes, in OUT_DIR:
#   exovet-VERSION-x86_64-unknown-linux-musl.tar.gz         the binary, README, licences,
#                                                           man page, bash/zsh/fish completions
#   exovet-VERSION-x86_64-unknown-linux-musl.tar.gz.sha256  its SHA-256, as sha256sum -c reads it
#   exovet_VERSION-1_amd64.deb                              the same, as a Debian package
# The man page and completions are made by the binary itself (`exovet man`,
# `exovet completions SHELL`), so they always match it.
set -euo pipefail

cd "$(dirname "$0")/.."
root=$PWD
target=x86_64-unknown-linux-musl
out=${1:-$root/dist}
mkdir -p "$out"
out=$(cd "$out" && pwd)

missing=()
rustup target list --installed 2>/dev/null | grep -qx "$target" \
    || missing+=("the $target target: rustup target add $target")
cargo deb --version >/dev/null 2>&1 \
    || missing+=("cargo-deb: cargo install cargo-deb --locked")
command -v dpkg-deb >/dev/null || missing+=("dpkg-deb: apt-get install -y dpkg")
# mimalloc, the static build's allocator, is C: musl-gcc compiles it.
command -v musl-gcc >/dev/null || missing+=("musl-gcc: apt-get install -y musl-tools")
if ((${#missing[@]})); then
    printf 'scripts/package.sh: cannot package without:\n' >&2
    printf '  %s\n' "${missing[@]}" >&2
    exit 2
fi

version=$(cargo metadata --no-deps --format-version 1 \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["packages"][0]["version"])')
name=exovet-$version-$target

# Static (musl links everything in), stripped, the bank embedded as in every build.
echo "--- cargo build --release --target $target" >&2
cargo build --release --locked --target "$target" --config profile.release.strip=true
binary=${CARGO_TARGET_DIR:-$root/target}/$target/release/exovet

# What the binary says of itself, for both packages (cargo-deb reads target/package/ in
# this folder, wherever CARGO_TARGET_DIR puts the build).
generated=$root/target/package
rm -rf "$generated"
mkdir -p "$generated/completions"
"$binary" man > "$generated/exovet.1"
gzip -9 -n -c "$generated/exovet.1" > "$generated/exovet.1.gz"
"$binary" completions bash > "$generated/completions/exovet.bash"
"$binary" completions zsh > "$generated/completions/_exovet"
"$binary" completions fish > "$generated/completions/exovet.fish"

echo "--- $name.tar.gz" >&2
stage=$(mktemp -d "${TMPDIR:-/tmp}/exovet-package.XXXXXX")
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/$name/completions"
cp "$binary" README.md LICENSE-MIT LICENSE-APACHE "$generated/exovet.1" "$stage/$name/"
cp "$generated"/completions/* "$stage/$name/completions/"
# The same bytes from the same sources: sorted names, one owner, no times from this machine.
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime='2026-01-01 00:00Z' \
    -C "$stage" -czf "$out/$name.tar.gz" "$name"
(cd "$out" && sha256sum "$name.tar.gz" > "$name.tar.gz.sha256")

echo "--- the Debian package" >&2
cargo deb --no-build --no-strip --target "$target" --output "$out" >/dev/null 2>&1
deb=$(ls "$out"/exovet_"$version"-*_amd64.deb)
# A static binary depends on nothing, but cargo-deb still writes an empty "Depends:" line,
# which dpkg reads as a field with no value: the package is rebuilt without it.
unpacked=$stage/deb
dpkg-deb -R "$deb" "$unpacked"
sed -i '/^Depends:[[:space:]]*$/d' "$unpacked/DEBIAN/control"
dpkg-deb --root-owner-group -Zxz --build "$unpacked" "$deb" >/dev/null

echo "Packaged exovet $version in $out:" >&2
(cd "$out" && ls -1 "$name.tar.gz" "$name.tar.gz.sha256" exovet_"$version"*_amd64.deb) >&2
