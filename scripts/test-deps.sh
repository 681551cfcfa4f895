#!/usr/bin/env bash
# What the browser and class tests need beyond PyPI (`make test` runs this first): Debian's
# Chromium, the CJK fonts (without them Chinese renders as boxes) and nginx (the class
# set-up, tests/e2e/test_serve_class_e2e.py) and redis-server (the class round's shared
# store, tests/test_classround_store.py) and Fashion-MNIST (the original the images
# subset is checked against). Installs what is missing when it may (as root, or with
# sudo), otherwise stops and says what to install: the tests never pass with the browser
# tests skipped.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
[ -x /usr/sbin/nginx ] || missing+=(nginx)
[ -x /usr/bin/redis-server ] || missing+=(redis-server)  # tests/test_classround_store.py
# tests/test_core_images.py checks the app's Fashion-MNIST subset against the original.
dpkg -s dataset-fashion-mnist >/dev/null 2>&1 || missing+=(dataset-fashion-mnist)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
    sudo=""
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo="sudo"
else
    echo "make test needs these Debian packages: ${missing[*]}" >&2
    echo "install them with: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
fi
echo "installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
