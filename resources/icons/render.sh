#!/bin/sh
# Renders the PNGs the .qrc embeds from the SVG sources (ImageMagick). Run after editing an SVG.
set -e
cd "$(dirname "$0")"
for f in *.svg; do
  b=${f%.svg}
  case $b in
    homeport) convert -background none -density 96 "$f" -resize 256x256 homeport.png
              convert -background none "$f" -resize 64x64 homeport-64.png ;;
    tray-*)   convert -background none -density 192 "$f" -resize 64x64 "$b.png" ;;
    *)        convert -background none -density 384 "$f" -resize 48x48 "$b.png" ;;
  esac
done
