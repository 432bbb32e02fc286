using System.IO.Compression;
using System.Xml.Linq;
using MatSim.Simulation.Jobs;
using MatSim.TestSupport;

namespace MatSim.Cli.Tests.Packaging;

/// <summary>
/// `dotnet pack` gives NuGet packages for the libraries (with XML docs, README, licence), the example
/// plug-in and the `matsim` tool; the tool installs from the local folder into a temporary tool path
/// and runs, TorchSharp included.
/// </summary>
public class PackageTests
{
    private static IReadOnlyList<string> Libraries => Repository.Libraries;

    [Fact]
    [Trait("Category", "Long")]
    public void PackagesBuildAndTheToolInstallsAndRuns()
    {
        string folder = Directory.CreateTempSubdirectory("matsim-pack").FullName;
        string packages = Path.Combine(folder, "packages"), tools = Path.Combine(folder, "tools");
        string[] projects =
        [
            .. Libraries.Select(l => Repository.PathOf("src", l["MatSim.".Length..], l + ".csproj")),
            Repository.PathOf("src", "Cli", "MatSim.Cli.csproj"),
            Repository.PathOf("examples", "AcmePlugin", "Acme.MatSim.Plugin.csproj"),
        ];
        foreach (string project in projects)
        {
            ExternalProgram.Result pack = ExternalProgram.Run("dotnet", ["pack", project, "-c", "Release", "-o", packages, "--nologo"], TimeSpan.FromMinutes(10));
            Assert.True(pack.ExitCode == 0, $"dotnet pack {project} failed:\n{pack.Output}\n{pack.Error}");
        }
        string version = JobRunner.Version.Split('+')[0];

        foreach (string library in Libraries)
        {
            using ZipArchive package = ZipFile.OpenRead(Path.Combine(packages, $"{library}.{version}.nupkg"));
            string[] entries = package.Entries.Select(e => e.FullName).ToArray();
            Assert.Contains($"lib/net10.0/{library}.dll", entries);
            Assert.Contains($"lib/net10.0/{library}.xml", entries);
            Assert.Contains("README.md", entries);
            Assert.Contains("LICENSE", entries);
            XDocument nuspec = XDocument.Load(package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
            Assert.Equal("MIT", nuspec.Descendants().Single(e => e.Name.LocalName == "license").Value);
            Assert.True(File.Exists(Path.Combine(packages, $"{library}.{version}.snupkg")), $"no symbol package for {library}");
        }
        using (ZipArchive plugin = ZipFile.OpenRead(Path.Combine(packages, $"Acme.MatSim.Plugin.{version}.nupkg")))
        {
            XDocument nuspec = XDocument.Load(plugin.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
            Assert.Contains(nuspec.Descendants(), e => e.Name.LocalName == "dependency" && (string?)e.Attribute("id") == "MatSim.Simulation");
        }

        ExternalProgram.Result install = ExternalProgram.Run("dotnet",
            ["tool", "install", "--tool-path", tools, "--add-source", packages, "MatSim.Cli", "--version", version], TimeSpan.FromMinutes(5));
        Assert.True(install.ExitCode == 0, $"dotnet tool install failed:\n{install.Output}\n{install.Error}");
        ExternalProgram.Result versionRun = ExternalProgram.Run(Path.Combine(tools, "matsim"), ["--version"]);
        Assert.Equal(0, versionRun.ExitCode);
        Assert.StartsWith(version, versionRun.Output.Trim());
        ExternalProgram.Result info = ExternalProgram.Run(Path.Combine(tools, "matsim"), ["info"]);
        Assert.True(info.ExitCode == 0, $"the installed tool cannot load TorchSharp:\n{info.Output}\n{info.Error}");
        Assert.Contains("TorchSharp 0.107", info.Output);
        Directory.Delete(folder, recursive: true);
    }
}
