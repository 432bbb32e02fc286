using MatSim.Learning.ActiveLearning;
using MatSim.Learning.Calculators;
using MatSim.Simulation.Chemistry;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Structures;
using MatSim.TestSupport;

namespace MatSim.Learning.Tests.Calculators;

/// <summary>
/// A reference program that crashes, hangs or prints garbage: each becomes a recorded failure with
/// its reason, the others are labelled, and nothing bad enters the cache.
/// </summary>
public sealed class ReferenceFailureTests
{
    /// <summary>An `xtb` stand-in whose behaviour depends on the atom count of input.xyz.</summary>
    private const string FakeXtb = """
        #!/bin/sh
        n=$(head -n 1 input.xyz | tr -d ' ')
        case "$n" in
          1) printf '#\n 1\n#\n not-a-number\n#\n 0.1 0.2 0.3\n' > input.engrad ;;
          2) echo "segmentation fault (simulated)" >&2; exit 139 ;;
          3) sleep 30 ;;
          5) printf '#\n 5\n#\n NaN\n#\n' > input.engrad; for i in 1 2 3 4 5; do printf ' 0.0\n 0.0\n 0.0\n' >> input.engrad; done ;;
          *) printf '#\n %s\n#\n -1.5\n#\n' "$n" > input.engrad; i=0; while [ $i -lt "$n" ]; do printf ' 0.01\n -0.02\n 0.03\n' >> input.engrad; i=$((i+1)); done ;;
        esac
        """;

    private static Structure Atoms(int n) =>
        new(null, Enumerable.Repeat(Elements.FromSymbol("Ar"), n), Enumerable.Range(0, n).Select(i => new Vec3(4.0 * i, 0, 0)));

    [Fact]
    public void Crashes_timeouts_and_garbage_are_recorded_and_the_rest_is_labelled()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("the stand-in program is a POSIX shell script");
            return;
        }
        string folder = Repository.TemporaryDirectory("fake-xtb");
        string program = Path.Combine(folder, "xtb");
        File.WriteAllText(program, FakeXtb.Replace("\r\n", "\n") + "\n");
        File.SetUnixFileMode(program, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var cache = new CachedCalculator(new XtbCalculator(program, timeLimit: TimeSpan.FromSeconds(2)), Path.Combine(folder, "cache"), attempts: 1);
        var (labelled, origins, failures) = Labelling.Run(cache, new[] { 1, 2, 3, 4, 5 }.Select(n => (Atoms(n), $"{n} atoms")).ToList(), TestContext.Current.CancellationToken);

        Assert.Equal(["4 atoms"], origins);
        Assert.Equal(-1.5 * 27.211386245988, labelled[0].Energy, 1e-6);
        Assert.Equal(4, failures.Count);
        Assert.Contains("unreadable", failures.Single(f => f.Origin == "1 atoms").Reason);
        Assert.Contains("exit code 139", failures.Single(f => f.Origin == "2 atoms").Reason);
        Assert.Contains("did not finish within", failures.Single(f => f.Origin == "3 atoms").Reason);
        Assert.Contains("NaN", failures.Single(f => f.Origin == "5 atoms").Reason);
        // only the good result was stored: asking again runs the program again for the failures only
        var again = new CachedCalculator(new XtbCalculator(program, timeLimit: TimeSpan.FromSeconds(2)), Path.Combine(folder, "cache"), attempts: 1);
        again.Calculate(Atoms(4), TestContext.Current.CancellationToken);
        Assert.Equal((1, 0), (again.Hits, again.Calculations));
    }
}
