using MatSim.Torch;
using MatSim.Simulation.Random;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;
using static MatSim.Torch.Constant;

namespace MatSim.Sampling.Flows;

/// <summary>
/// Rational-quadratic neural spline coupling (Durkan, Bekasov, Murray &amp; Papamakarios, NeurIPS 2019):
/// each transformed coordinate goes through a monotone piecewise rational-quadratic map of
/// [−B, B] onto itself with K bins, whose widths, heights and interior knot derivatives come
/// from the conditioner; outside [−B, B] it is the identity (derivative 1 at both ends, so the
/// map is C¹). Forward: their eq. 4; derivative eq. 5; inverse: the root of the quadratic, eqs. 6–8.
/// </summary>
internal sealed class SplineCoupling : FlowLayer
{
    private const double MinimumBin = 1e-3, MinimumDerivative = 1e-3;
    private readonly CouplingSplit split;
    private readonly Sequential conditioner;
    private readonly int bins;
    private readonly double bound;

    public SplineCoupling(CouplingSplit split, int hidden, int depth, int bins, double bound, Rng rng) : base("spline")
    {
        this.split = split;
        this.bins = bins;
        this.bound = bound;
        conditioner = Conditioner.Create(split.Conditioning.Length, split.Transformed.Length * (3 * bins - 1), hidden, depth, rng);
        RegisterComponents();
    }

    /// <summary>Knot positions x and y (…, K+1) and knot derivatives (…, K+1) per row and coordinate.</summary>
    private (Tensor X, Tensor Y, Tensor Derivative) Knots(Tensor conditioning)
    {
        long rows = conditioning.shape[0], m = split.Transformed.Length;
        Tensor p = conditioner.forward(conditioning).view(rows, m, 3 * bins - 1);
        Tensor Positions(Tensor raw)
        {
            Tensor fraction = (raw.softmax(-1) * Of(1 - MinimumBin * bins)).Plus(Of(MinimumBin));
            return F.pad(fraction.cumsum(-1), [1, 0]) * Of(2 * bound) - Of(bound);
        }
        // softplus(p + ln(e − 1)) = 1 at p = 0: a fresh layer has unit derivatives and equal bins, the identity
        Tensor inner = (p.narrow(-1, 2 * bins, bins - 1).Plus(Of(Math.Log(Math.E - 1))).Softplus() * Of(1 - MinimumDerivative)).Plus(Of(MinimumDerivative));
        Tensor ones = ones_like(inner.narrow(-1, 0, 1));
        return (Positions(p.narrow(-1, 0, bins)), Positions(p.narrow(-1, bins, bins)), cat([ones, inner, ones], -1));
    }

    private static Tensor Gather(Tensor t, Tensor index) => t.gather(-1, index.unsqueeze(-1)).squeeze(-1);

    /// <summary>The bin of each value among the knots (0 … K−1): the number of interior knots at or below it.</summary>
    private Tensor Bin(Tensor value, Tensor knots) => value.unsqueeze(-1).ge(knots.narrow(-1, 1, bins - 1)).sum(-1);

    public override (Tensor, Tensor) Forward(Tensor input) => Apply(input, inverse: false);

    public override (Tensor, Tensor) Inverse(Tensor input) => Apply(input, inverse: true);

    private (Tensor, Tensor) Apply(Tensor input, bool inverse)
    {
        var (a, b) = split.Split(input);
        var (xs, ys, ds) = Knots(a);
        Tensor inside = b.ge(Of(-bound)).logical_and(b.le(Of(bound)));
        Tensor v = b.clamp(Of(-bound), Of(bound));
        Tensor bin = Bin(v, inverse ? ys : xs);
        Tensor xk = Gather(xs, bin), wk = Gather(xs, bin.Plus(Integer(1))) - xk;
        Tensor yk = Gather(ys, bin), hk = Gather(ys, bin.Plus(Integer(1))) - yk;
        Tensor dk = Gather(ds, bin), dk1 = Gather(ds, bin.Plus(Integer(1)));
        Tensor slope = hk / wk;
        Tensor curvature = dk1.Plus(dk) - slope * Of(2);
        Tensor xi;
        Tensor output;
        if (!inverse)
        {
            xi = (v - xk) / wk;
            Tensor mix = xi * xi.SubtractedFrom(Of(1));
            output = yk.Plus(hk * (slope * xi.Squared()).Plus(dk * mix) / slope.Plus(curvature * mix));
        }
        else
        {
            Tensor offset = v - yk;
            Tensor qa = (hk * (slope - dk)).Plus(offset * curvature);
            Tensor qb = hk * dk - offset * curvature;
            Tensor qc = -slope * offset;
            // the numerically stable root of qa ξ² + qb ξ + qc = 0 in [0, 1] (their eq. 29)
            xi = qc * Of(2) / (-qb - (qb.Squared() - qa * qc * Of(4)).clamp_min(Of(0)).sqrt());
            output = (xi * wk).Plus(xk);
        }
        Tensor m = xi * xi.SubtractedFrom(Of(1));
        Tensor denominator = slope.Plus(curvature * m);
        Tensor derivative = slope.Squared() * (dk1 * xi.Squared()).Plus(slope * m * Of(2)).Plus(dk * xi.SubtractedFrom(Of(1)).Squared()) / denominator.Squared();
        Tensor logDet = where(inside, inverse ? -derivative.log() : derivative.log(), zeros_like(derivative)).sum(1);
        return (split.Join(a, where(inside, output, b)), logDet);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) split.Dispose();
        base.Dispose(disposing);
    }
}
