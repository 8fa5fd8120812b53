#!/bin/sh
# The editors' command line ("bi" for Bürgerinfo: check, neu, ergebnis, …) without activating .venv:
#   ./bi check
# Data and file names are found from the current folder if it lies inside a Bürgerinfo
# repository, else from this script's folder.
here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
python="$here/.venv/bin/python"
if [ ! -x "$python" ]; then
  echo "Bürgerinfo ist in $here noch nicht installiert. Bitte einmal ausführen:" >&2
  echo "  cd \"$here\" && make install" >&2
  exit 1
fi
BUERGERINFO_ROOT="${BUERGERINFO_ROOT:-$here}" exec "$python" -m buergerinfo "$@"
