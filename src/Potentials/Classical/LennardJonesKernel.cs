using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MatSim.Potentials.Classical;

/// <summary>
/// The MD hot loop for one atom type, vectorised with AVX2: four neighbours of an atom at a time
/// (coordinates gathered from the interleaved array, cutoff applied by a mask), forces on the
/// neighbours scattered back lane by lane (Newton's third law, half list). Gives the same sums as
/// the scalar loop up to rounding.
/// </summary>
internal static class LennardJonesKernel
{
    public static bool Supported => Avx2.IsSupported;

    /// <summary>Energy (returned), forces (added into f, interleaved) and virial (xx, xy, xz, yy, yz, zz added into w).</summary>
    public static unsafe double Run(double[] x, int atoms, int[] start, int[] neighbor, double c12, double c6, double shift,
        double slope, double cutoff, bool forceShifted, double[] f, Span<double> w)
    {
        var rc2 = Vector256.Create(cutoff * cutoff);
        var rc = Vector256.Create(cutoff);
        var c12v = Vector256.Create(c12);
        var c6v = Vector256.Create(c6);
        var shiftv = Vector256.Create(shift);
        var slopev = Vector256.Create(slope);
        var one = Vector256.Create(1.0);
        var twelve = Vector256.Create(12.0);
        var six = Vector256.Create(6.0);
        Vector256<double> energy = Vector256<double>.Zero;
        Vector256<double> wxx = Vector256<double>.Zero, wxy = wxx, wxz = wxx, wyy = wxx, wyz = wxx, wzz = wxx;
        double scalarEnergy = 0;
        double sxx = 0, sxy = 0, sxz = 0, syy = 0, syz = 0, szz = 0;
        double rcs2 = cutoff * cutoff;
        double* fx = stackalloc double[4], fy = stackalloc double[4], fz = stackalloc double[4];
        int* jl = stackalloc int[4];
        fixed (double* px = x, pf = f)
        fixed (int* pn = neighbor)
        {
            for (int i = 0; i < atoms; i++)
            {
                int i3 = 3 * i;
                var xi = Vector256.Create(px[i3]);
                var yi = Vector256.Create(px[i3 + 1]);
                var zi = Vector256.Create(px[i3 + 2]);
                Vector256<double> fxi = Vector256<double>.Zero, fyi = fxi, fzi = fxi;
                int k = start[i], end = start[i + 1];
                for (; k + 4 <= end; k += 4)
                {
                    Vector128<int> j = Sse2.LoadVector128(pn + k);
                    Vector128<int> j3 = Sse2.Add(Sse2.Add(j, j), j);
                    var dx = Avx.Subtract(Avx2.GatherVector256(px, j3, 8), xi);
                    var dy = Avx.Subtract(Avx2.GatherVector256(px + 1, j3, 8), yi);
                    var dz = Avx.Subtract(Avx2.GatherVector256(px + 2, j3, 8), zi);
                    var r2 = Avx.Add(Avx.Add(Avx.Multiply(dx, dx), Avx.Multiply(dy, dy)), Avx.Multiply(dz, dz));
                    var inside = Avx.CompareLessThan(r2, rc2);
                    if (Avx.MoveMask(inside) == 0) continue;
                    var inv2 = Avx.Divide(one, r2);
                    var inv6 = Avx.Multiply(Avx.Multiply(inv2, inv2), inv2);
                    var a = Avx.Multiply(c12v, inv6);
                    var e = Avx.Subtract(Avx.Multiply(inv6, Avx.Subtract(a, c6v)), shiftv);
                    // force on j along d: (12 C12/r¹² − 6 C6/r⁶)/r² · d
                    var fr = Avx.Multiply(Avx.Multiply(inv6, Avx.Subtract(Avx.Multiply(twelve, a), Avx.Multiply(six, c6v))), inv2);
                    if (forceShifted)
                    {
                        var r = Avx.Sqrt(r2);
                        e = Avx.Add(e, Avx.Multiply(Avx.Subtract(r, rc), slopev));
                        fr = Avx.Subtract(fr, Avx.Divide(slopev, r));
                    }
                    e = Avx.And(e, inside);
                    fr = Avx.And(fr, inside);
                    energy = Avx.Add(energy, e);
                    var fdx = Avx.Multiply(fr, dx);
                    var fdy = Avx.Multiply(fr, dy);
                    var fdz = Avx.Multiply(fr, dz);
                    fxi = Avx.Subtract(fxi, fdx);
                    fyi = Avx.Subtract(fyi, fdy);
                    fzi = Avx.Subtract(fzi, fdz);
                    wxx = Avx.Add(wxx, Avx.Multiply(dx, fdx));
                    wxy = Avx.Add(wxy, Avx.Multiply(dx, fdy));
                    wxz = Avx.Add(wxz, Avx.Multiply(dx, fdz));
                    wyy = Avx.Add(wyy, Avx.Multiply(dy, fdy));
                    wyz = Avx.Add(wyz, Avx.Multiply(dy, fdz));
                    wzz = Avx.Add(wzz, Avx.Multiply(dz, fdz));
                    Avx.Store(fx, fdx);
                    Avx.Store(fy, fdy);
                    Avx.Store(fz, fdz);
                    Sse2.Store(jl, j3);
                    for (int lane = 0; lane < 4; lane++)
                    {
                        double* fj = pf + jl[lane];
                        fj[0] += fx[lane];
                        fj[1] += fy[lane];
                        fj[2] += fz[lane];
                    }
                }
                double sfx = 0, sfy = 0, sfz = 0;
                double xs = px[i3], ys = px[i3 + 1], zs = px[i3 + 2];
                for (; k < end; k++)
                {
                    int j3 = 3 * pn[k];
                    double dx = px[j3] - xs, dy = px[j3 + 1] - ys, dz = px[j3 + 2] - zs;
                    double r2 = dx * dx + dy * dy + dz * dz;
                    if (r2 >= rcs2) continue;
                    double inv2 = 1 / r2, inv6 = inv2 * inv2 * inv2, a = c12 * inv6;
                    double e = inv6 * (a - c6) - shift, fr = inv6 * (12 * a - 6 * c6) * inv2;
                    if (forceShifted)
                    {
                        double r = Math.Sqrt(r2);
                        e += (r - cutoff) * slope;
                        fr -= slope / r;
                    }
                    scalarEnergy += e;
                    double fdx = fr * dx, fdy = fr * dy, fdz = fr * dz;
                    pf[j3] += fdx;
                    pf[j3 + 1] += fdy;
                    pf[j3 + 2] += fdz;
                    sfx -= fdx;
                    sfy -= fdy;
                    sfz -= fdz;
                    sxx += dx * fdx;
                    sxy += dx * fdy;
                    sxz += dx * fdz;
                    syy += dy * fdy;
                    syz += dy * fdz;
                    szz += dz * fdz;
                }
                pf[i3] += Sum(fxi) + sfx;
                pf[i3 + 1] += Sum(fyi) + sfy;
                pf[i3 + 2] += Sum(fzi) + sfz;
            }
        }
        w[0] += Sum(wxx) + sxx;
        w[1] += Sum(wxy) + sxy;
        w[2] += Sum(wxz) + sxz;
        w[3] += Sum(wyy) + syy;
        w[4] += Sum(wyz) + syz;
        w[5] += Sum(wzz) + szz;
        return Sum(energy) + scalarEnergy;
    }

    private static double Sum(Vector256<double> v) => v.GetElement(0) + v.GetElement(1) + v.GetElement(2) + v.GetElement(3);
}
