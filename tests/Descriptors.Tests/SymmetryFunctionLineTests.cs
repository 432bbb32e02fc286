using MatSim.Descriptors.SymmetryFunctions;
using MatSim.Simulation.Errors;

namespace MatSim.Descriptors.Tests;

/// <summary>Every supported type written as an n2p2 `symfunction_short` line reads back as the same function.</summary>
public sealed class SymmetryFunctionLineTests
{
    [Fact]
    public void Written_lines_read_back_as_the_same_functions()
    {
        DescriptorSet set = TestDescriptors.Create();
        string[] symbols = set.Elements.Select(e => e.Symbol).ToArray();
        var parser = new SymmetryFunctionParser(symbols, CutoffKind.Cosine, 0.0, 1.0);
        for (int e = 0; e < symbols.Length; e++)
            foreach (SymmetryFunction f in set.FunctionsOf(e))
            {
                string line = f.ToN2p2(symbols, 1.0);
                SymmetryFunction back = parser.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToArray(), new SourceLocation("written", 1));
                Assert.True(back.Type == f.Type && SymmetryFunction.CompareN2p2(f, back) == 0, $"{line} reads back as {back}");
                Assert.Equal(line, back.ToN2p2(symbols, 1.0));
            }
    }
}
