#!/usr/bin/env bash
# Rebuilds CGATS_TR006_300.icc, the CMYK output profile the press build uses by default, from
# the CGATS TR 006 characterization data (GRACoL, coated #1 paper). Needs Debian's argyll
# (colprof) and icc-profiles-free (the data); a build of the report needs neither, only the
# profile this writes, which is kept in the repository:
#
#   apt-get install argyll icc-profiles-free && layout/press/build-profile.sh
#
# The profile: Argyll's CMYK cLUT model of the measured data, medium quality, with its total ink
# limited to 300 % (the limit the press build holds colours to), Argyll's default black
# generation (a ramp), and perceptual tables gamut-mapped from sRGB, the space of untagged
# pictures, for a print viewed in a print booth. The header's date is fixed and the tag naming
# the characterization ('targ': "CGATS TR 006", a name registered with the ICC) is added, so a
# rebuild gives the same bytes and the PDF/X OutputIntent can name the condition from the
# profile itself.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
data=/usr/share/color/icc/TR006.ti3
srgb=/usr/share/color/argyll/ref/sRGB.icm
for need in "$data" "$srgb"; do
  [ -f "$need" ] || { echo "missing $need: apt-get install argyll icc-profiles-free" >&2; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$data" "$work/tr006.ti3"
colprof -qm -nc -l300 -S "$srgb" -cmt -dpp \
  -A "impact-report" \
  -D "CGATS TR 006 (GRACoL coated #1), 300% ink, impact-report" \
  -C "Built from ANSI CGATS/GRACoL TR 006-2007 characterization data, Copyright 2007 NPES; the profile is free to redistribute (zlib licence)" \
  -O "$work/profile.icc" "$work/tr006" >/dev/null
python3 - "$work/profile.icc" "$here/CGATS_TR006_300.icc" <<'PY'
"""Fix the header's date and add the characterization-target tag naming the data set."""
import struct
import sys

source, target = sys.argv[1:]
data = bytes(open(source, "rb").read())
assert data[36:40] == b"acsp" and data[84:100] == bytes(16), "an ICC v2 profile without a profile id"
count = struct.unpack(">I", data[128:132])[0]
entries = [struct.unpack(">4sII", data[132 + 12 * i:144 + 12 * i]) for i in range(count)]
assert b"targ" not in [sig for sig, _, _ in entries]
body = data[132 + 12 * count:]
text = b"text" + bytes(4) + b"CGATS TR 006\0"
start = 132 + 12 * (count + 1)
pad = (-(start + len(body))) % 4
table = b"".join(struct.pack(">4sII", sig, offset + 12, size) for sig, offset, size in entries)
table += struct.pack(">4sII", b"targ", start + len(body) + pad, len(text))
out = bytearray(data[:128] + struct.pack(">I", count + 1) + table + body + bytes(pad) + text)
out[0:4] = struct.pack(">I", len(out))
out[24:36] = struct.pack(">6H", 2026, 12, 1, 0, 0, 0)  # fixed: a rebuild gives the same bytes
open(target, "wb").write(bytes(out))
PY
echo "wrote $here/CGATS_TR006_300.icc"
