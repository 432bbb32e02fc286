using System.Text.RegularExpressions;
using MatSim.Simulation.Plugins;

namespace MatSim.Simulation.Config;

/// <summary>Names of declared options as paths: `cycles.production`, `components[].molecule`.</summary>
public static partial class OptionPaths
{
    /// <summary>The first key of a path (`components` of `components[].molecule`).</summary>
    public static string Head(string path)
    {
        int end = path.IndexOfAny(['.', '[']);
        return end < 0 ? path : path[..end];
    }

    /// <summary>The options below a prefix (`cycles` or `components[]`), named relative to it.</summary>
    public static IReadOnlyList<OptionInfo> Beneath(IReadOnlyList<OptionInfo> options, string prefix) =>
        options.Where(o => o.Name.StartsWith(prefix + ".", StringComparison.Ordinal))
            .Select(o => o with { Name = o.Name[(prefix.Length + 1)..] }).ToList();

    /// <summary>Options of a mapping placed under the key that holds it (`cutoff` under `grid` → `grid.cutoff`).</summary>
    public static IEnumerable<OptionInfo> Under(string key, IEnumerable<OptionInfo> options) =>
        options.Select(o => o with { Name = $"{key}.{o.Name}" });

    /// <summary>A key path with its list indices written `[]` (`components[0].molecule` → `components[].molecule`).</summary>
    public static string Normalised(string path) => Index().Replace(path, "[]");

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex Index();
}

/// <summary>A component read a key it does not declare in its options: a fault in that component, not in the input.</summary>
public sealed class UndeclaredOptionException(string path)
    : InvalidOperationException($"option '{path}' is read but not declared; add it to the component's Options");
