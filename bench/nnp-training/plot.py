#!/usr/bin/env python3
"""Test RMSE against CPU seconds: MatSim's nnp-train runs beside n2p2's learning curves, as one SVG (no dependencies).

    python3 bench/nnp-training/plot.py OUT.svg N2P2_FOLDER RUN_FOLDER [RUN_FOLDER ...]

N2P2_FOLDER is ../shared/reference/n2p2-train-xtb-water: learning-curve.out (seed 1) and learning-curve.seedK.out, with
each seed's CPU time in results.csv; n2p2 logs no time per epoch, so epoch k is placed at k/30 of its run's CPU time
(its epochs take equal time to within the README's 14-19 s). Each RUN_FOLDER is a MatSim nnp-train output with a fixed
test set (data.test_files): learning_curve.csv gives the test RMSE and the job's CPU seconds after every epoch.
"""
import csv
import sys

HARTREE_EV, BOHR_A = 27.211386, 0.52917721


def n2p2_curves(folder):
    cpu = {int(r["seed"]): float(r["cpu_user_s"]) for r in csv.DictReader(open(f"{folder}/results.csv"))}
    curves = []
    for seed, name in [(1, "learning-curve.out"), (2, "learning-curve.seed2.out"), (3, "learning-curve.seed3.out")]:
        rows = [l.split() for l in open(f"{folder}/{name}") if l.strip() and not l.startswith("#")]
        last = int(rows[-1][0])
        t = [cpu[seed] * int(r[0]) / last for r in rows]
        energy = [1e3 * HARTREE_EV * float(r[2]) for r in rows]           # RMSEpa_Etest_pu, Ha/atom
        force = [1e3 * HARTREE_EV / BOHR_A * float(r[10]) for r in rows]  # RMSE_Ftest_pu, Ha/Bohr
        curves.append((f"n2p2 seed {seed}", t, energy, force))
    return curves


def matsim_curves(folders):
    curves = []
    for folder in folders:
        rows = list(csv.DictReader(open(f"{folder}/learning_curve.csv")))
        curves.append((f"MatSim {folder.rstrip('/').split('/')[-1]}", [float(r["cpu_seconds"]) for r in rows],
                       [float(r["test_energy_rmse_meV_per_atom"]) for r in rows], [float(r["test_force_rmse_meV_per_A"]) for r in rows]))
    return curves


def panel(x0, title, unit, series, xmax, ymin, ymax):
    """One log-scale panel 420x300 at x0; series: (label, colour, xs, ys)."""
    import math
    w, h, left, top = 420, 300, x0 + 60, 40
    lo, hi = math.log10(ymin), math.log10(ymax)
    X = lambda t: left + w * t / xmax
    Y = lambda v: top + h * (hi - math.log10(max(v, ymin))) / (hi - lo)
    out = [f'<text x="{left + w / 2}" y="25" text-anchor="middle" font-size="14">{title}</text>',
           f'<rect x="{left}" y="{top}" width="{w}" height="{h}" fill="none" stroke="black"/>']
    for d in range(math.floor(lo), math.ceil(hi) + 1):
        for m in (1, 2, 5):
            v = m * 10 ** d
            if ymin <= v <= ymax:
                out.append(f'<line x1="{left}" x2="{left + w}" y1="{Y(v):.1f}" y2="{Y(v):.1f}" stroke="#ddd"/>')
                out.append(f'<text x="{left - 5}" y="{Y(v) + 4:.1f}" text-anchor="end" font-size="11">{v:g}</text>')
    for t in range(0, int(xmax) + 1, 100):
        out.append(f'<text x="{X(t):.1f}" y="{top + h + 15}" text-anchor="middle" font-size="11">{t}</text>')
    out.append(f'<text x="{left + w / 2}" y="{top + h + 32}" text-anchor="middle" font-size="12">CPU seconds (one core)</text>')
    out.append(f'<text x="{x0 + 15}" y="{top + h / 2}" text-anchor="middle" font-size="12" transform="rotate(-90 {x0 + 15} {top + h / 2})">test RMSE ({unit})</text>')
    for label, colour, xs, ys in series:
        pts = " ".join(f"{X(a):.1f},{Y(b):.1f}" for a, b in zip(xs, ys) if a <= xmax)
        out.append(f'<polyline points="{pts}" fill="none" stroke="{colour}" stroke-width="1.5"/>')
    return out


def main():
    out, n2p2, runs = sys.argv[1], sys.argv[2], sys.argv[3:]
    curves = [(c, "#d62728") for c in n2p2_curves(n2p2)] + [(c, "#1f77b4") for c in matsim_curves(runs)]
    xmax = max(max(c[1]) for c, _ in curves)
    svg = ['<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="400" font-family="sans-serif">']
    svg += panel(0, "energy", "meV/atom", [(c[0], col, c[1], c[2]) for c, col in curves], xmax, 0.2, 20)
    svg += panel(500, "forces", "meV/Å", [(c[0], col, c[1], c[3]) for c, col in curves], xmax, 20, 1000)
    svg.append('<text x="560" y="395" font-size="12" fill="#d62728">n2p2 2.3, Kalman filter (3 seeds)</text>')
    svg.append('<text x="800" y="395" font-size="12" fill="#1f77b4">MatSim (3 seeds)</text>')
    svg.append("</svg>")
    open(out, "w").write("\n".join(svg) + "\n")


if __name__ == "__main__":
    main()
