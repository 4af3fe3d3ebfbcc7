#!/usr/bin/env bash
# Makes the base image of the WordPress sample, jc-sample/debian:bookworm (a minimal Debian made
# by mmdebstrap from Debian's archive, imported into the engine): the samples share it, so this
# runs samples/images/debian-base.sh, which says more. The two service images are built FROM it by
# jcompose's builder (mariadb/Dockerfile, wordpress/Dockerfile; `jcompose up` builds them when
# they are missing).
# Environment: JC_SAMPLE_CACHE (where the tarball is cached; default samples/.cache),
# JC_SAMPLE_NO_IMPORT=1 (only make the tarball and print its path), JCOMPOSE_ARGS.
# Usage: build.sh [--rebuild]
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
JC_SAMPLE_SCRIPT_NAME=build.sh exec "$here/../../images/debian-base.sh" "$@"
