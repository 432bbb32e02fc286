"""Reads and writes extended XYZ with ASE for MatSim's interoperability test.

usage: ase_extxyz.py read FILE    -> prints what ASE read, as JSON
       ase_extxyz.py write FILE   -> writes a reference frame with ASE, prints it as JSON
"""
import json
import sys

import numpy as np
from ase import Atoms
from ase.calculators.singlepoint import SinglePointCalculator
import ase.io


def describe(atoms):
    calc = atoms.calc
    return {
        "symbols": atoms.get_chemical_symbols(),
        "positions": atoms.get_positions().tolist(),
        "cell": atoms.get_cell().array.tolist(),
        "pbc": [bool(p) for p in atoms.get_pbc()],
        "charges": atoms.get_initial_charges().tolist(),
        "energy": atoms.get_potential_energy() if calc is not None else None,
        "forces": atoms.get_forces().tolist() if calc is not None else None,
        "stress": atoms.get_stress(voigt=False).tolist() if calc is not None and "stress" in calc.results else None,
        "info": {k: str(v) for k, v in atoms.info.items()},
    }


def main():
    mode, path = sys.argv[1], sys.argv[2]
    if mode == "read":
        frames = ase.io.read(path, index=":", format="extxyz")
        print(json.dumps([describe(a) for a in frames]))
    elif mode == "write":
        atoms = Atoms("CO2", positions=[[1.0, 2.0, 3.0], [2.16, 2.0, 3.0], [-0.16, 2.0, 3.0]],
                      cell=[[10.0, 0.0, 0.0], [1.5, 9.0, 0.0], [0.5, 0.7, 11.0]], pbc=True)
        atoms.set_initial_charges([0.6512, -0.3256, -0.3256])
        atoms.info["config_type"] = "co2 in box"
        forces = np.array([[0.1, -0.2, 0.3], [0.0, 0.5, -0.25], [-0.1, -0.3, -0.05]])
        stress = np.array([0.01, 0.02, 0.03, 0.004, 0.005, 0.006])
        atoms.calc = SinglePointCalculator(atoms, energy=-12.5, forces=forces, stress=stress)
        ase.io.write(path, atoms, format="extxyz")
        print(json.dumps([describe(atoms)]))
    else:
        raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main()
