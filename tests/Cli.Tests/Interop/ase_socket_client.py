"""Drives `matsim ipi` from ASE's SocketIOCalculator (the i-PI protocol) and writes what ASE received.

usage: ase_socket_client.py START.extxyz OUT.extxyz SOCKET_NAME MATSIM_COMMAND_JSON
Four configurations: the start, rattled atoms, a strained triclinic cell, a translated copy.
"""
import json
import subprocess
import sys

import numpy as np
from ase.calculators.singlepoint import SinglePointCalculator
from ase.calculators.socketio import SocketIOCalculator
from ase.io import read, write

start, out, name, command = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
atoms = read(start)


def launch(atoms, properties, port, unixsocket):
    return subprocess.Popen(command + ['--address', 'unix:' + unixsocket])


frames = []
with SocketIOCalculator(launch_client=launch, unixsocket=name) as calc:
    for k in range(4):
        a = atoms.copy()
        if k == 1:
            a.rattle(0.03, seed=1)
        elif k == 2:
            a.set_cell(np.dot(a.cell, [[1.01, 0.004, 0.0], [0.0, 0.99, 0.003], [0.002, 0.0, 1.0]]), scale_atoms=True)
        elif k == 3:
            a.translate([0.7, -1.3, 2.1])
        a.calc = calc
        energy, forces, stress = a.get_potential_energy(), a.get_forces(), a.get_stress()
        a.calc = SinglePointCalculator(a, energy=energy, forces=forces, stress=stress)
        frames.append(a)
write(out, frames, format='extxyz')
print(f'{len(frames)} configurations evaluated through the socket')
