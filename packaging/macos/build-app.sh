#!/usr/bin/env bash
# Builds target/macos/Pecat.app and target/macos/Pecat-VERSION.dmg on macOS (Xcode command line
# tools and Rust; no other tool). A universal binary (Apple silicon + Intel) when both targets are
# installed (`rustup target add aarch64-apple-darwin x86_64-apple-darwin`), else the host's.
# Signing: set CODESIGN_IDENTITY ("Developer ID Application: …") to sign with hardened runtime;
# without it the app is signed ad hoc (runs on the machine that built it; Gatekeeper refuses it
# elsewhere until it is signed and notarised).
set -euo pipefail
cd "$(dirname "$0")/../.."
[ "$(uname -s)" = Darwin ] || { echo "build-app.sh: run this on macOS" >&2; exit 1; }

version=$(cargo metadata --no-deps --format-version 1 |
  python3 -c 'import json,sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"] == "pecat-cli"))')
out=target/macos
app="$out/Pecat.app"
rm -rf "$app" && mkdir -p "$app/Contents/MacOS" "$app/Contents/Resources"

targets=()
for t in aarch64-apple-darwin x86_64-apple-darwin; do
  rustup target list --installed | grep -qx "$t" && targets+=("$t")
done
for bin in pecat pecat-cli; do
  if [ ${#targets[@]} -eq 2 ]; then
    for t in "${targets[@]}"; do cargo build --release --locked --target "$t" -p "$bin"; done
    lipo -create -output "$app/Contents/MacOS/$bin" "target/${targets[0]}/release/$bin" "target/${targets[1]}/release/$bin"
  else
    cargo build --release --locked -p "$bin"
    cp "target/release/$bin" "$app/Contents/MacOS/$bin"
  fi
done

sed "s/@VERSION@/$version/g" packaging/macos/Info.plist >"$app/Contents/Info.plist"
plutil -lint "$app/Contents/Info.plist"
cp assets/icons/pecat.icns "$app/Contents/Resources/pecat.icns"
cp LICENSE-APACHE LICENSE-MIT THIRD-PARTY.md "$app/Contents/Resources/"

if [ -n "${CODESIGN_IDENTITY:-}" ]; then
  codesign --force --options runtime --timestamp --sign "$CODESIGN_IDENTITY" "$app/Contents/MacOS/pecat-cli"
  codesign --force --options runtime --timestamp --sign "$CODESIGN_IDENTITY" "$app"
else
  codesign --force --deep --sign - "$app"
fi
codesign --verify --verbose "$app"

# The disk image: the app and a link to /Applications to drag it onto.
stage=$(mktemp -d)
cp -R "$app" "$stage/"
ln -s /Applications "$stage/Applications"
dmg="$out/Pecat-$version.dmg"
rm -f "$dmg"
hdiutil create -volname "Pecat $version" -srcfolder "$stage" -fs HFS+ -format UDZO "$dmg"
rm -rf "$stage"
echo "$dmg"
