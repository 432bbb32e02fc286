#!/usr/bin/env bash
# Times LAMMPS (Debian package `lammps`) on in.lj on one core and prints atom-steps per second,
# the anchor MatSim's MD benchmark (LennardJonesMdBenchmarks) is compared with.
set -euo pipefail
cd "$(dirname "$0")"
command -v lmp >/dev/null || { echo "lmp not found: apt-get install -y lammps" >&2; exit 1; }
log=$(mktemp)
OMP_NUM_THREADS=1 lmp -in in.lj -log none -screen "$log" >/dev/null
loop=$(grep -E '^Loop time' "$log" | awk '{print $4}')
rm -f "$log"
python3 -c "print(f'LAMMPS in.lj: loop time {float(\"$loop\"):.2f} s, {32000*1000/float(\"$loop\"):.3e} atom-steps/s')"
