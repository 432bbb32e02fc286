namespace MatSim.TestSupport;

/// <summary>
/// Where the repository and the shared reference material (../shared beside the checkout, or
/// $MATSIM_SHARED) are. Tests that need shared files call <see cref="RequireShared"/>, which skips
/// the test with the reason when the material is absent.
/// </summary>
public static class Repository
{
    private static readonly Lazy<string> RootDirectory = new(FindRoot);

    /// <summary>The folder that holds MatSim.sln.</summary>
    public static string Root => RootDirectory.Value;

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>MatSim's library projects (every src/NAME/MatSim.NAME.csproj but the command line), by assembly name.</summary>
    public static IReadOnlyList<string> Libraries =>
        Directory.GetDirectories(PathOf("src"))
            .Select(d => "MatSim." + Path.GetFileName(d))
            .Where(name => name != "MatSim.Cli" && File.Exists(PathOf("src", name["MatSim.".Length..], name + ".csproj")))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>The shared material folder, or null when it is not there.</summary>
    public static string? SharedRoot
    {
        get
        {
            string? configured = Environment.GetEnvironmentVariable("MATSIM_SHARED");
            string candidate = configured ?? Path.GetFullPath(Path.Combine(Root, "..", "shared"));
            return Directory.Exists(candidate) ? candidate : null;
        }
    }

    /// <summary>A file or folder of the shared material; skips the calling test when it is absent.</summary>
    public static string RequireShared(string relativePath)
    {
        string? shared = SharedRoot;
        if (shared == null)
            Assert.Skip($"shared reference material not found (expected ../shared beside the checkout or $MATSIM_SHARED); needed: {relativePath}");
        string path = Path.Combine(shared, relativePath);
        if (!File.Exists(path) && !Directory.Exists(path))
            Assert.Skip($"shared reference file {relativePath} is absent from {shared}");
        return path;
    }

    /// <summary>A fresh empty folder for one test's files, under the system's temporary folder.</summary>
    public static string TemporaryDirectory(string purpose)
    {
        string path = Path.Combine(Path.GetTempPath(), "matsim-tests", $"{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    private static string FindRoot()
    {
        for (string? directory = AppContext.BaseDirectory; directory != null; directory = Path.GetDirectoryName(directory))
            if (File.Exists(Path.Combine(directory, "MatSim.sln"))) return directory;
        throw new InvalidOperationException($"MatSim.sln not found above {AppContext.BaseDirectory}");
    }
}
