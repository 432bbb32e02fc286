using System.Reflection;
using MatSim.TestSupport;

namespace MatSim.Cli.Tests.Plugins;

/// <summary>Where the example plug-in (examples/AcmePlugin) was built, in this test run's configuration.</summary>
internal static class AcmePluginFile
{
    public static string Path
    {
        get
        {
            string configuration = typeof(AcmePluginFile).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            string path = Repository.PathOf("examples", "AcmePlugin", "bin", configuration, "net10.0", "Acme.MatSim.Plugin.dll");
            Assert.True(File.Exists(path), $"the example plug-in was not built: {path}");
            return path;
        }
    }
}
