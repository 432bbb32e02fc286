using System.Reflection;
using System.Runtime.Loader;

namespace MatSim.Simulation.Plugins;

/// <summary>A plug-in could not be loaded; the message says why and what to do.</summary>
public sealed class PluginLoadException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Loads a plug-in assembly into its own <see cref="AssemblyLoadContext"/>: the plug-in's private
/// dependencies come from its folder (its .deps.json), while MatSim's assemblies and everything the
/// host has already loaded are shared, so the plug-in's IEnergyModel is MatSim's IEnergyModel.
/// </summary>
public static class PluginLoader
{
    /// <summary>The plug-in entry points of the assembly, after checking its API version.</summary>
    public static IReadOnlyList<IMatSimPlugin> Load(string assemblyPath)
    {
        if (!File.Exists(assemblyPath)) throw new PluginLoadException($"no such file: {assemblyPath}");
        Assembly assembly;
        try
        {
            assembly = new PluginLoadContext(assemblyPath).LoadFromAssemblyPath(assemblyPath);
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException)
        {
            throw new PluginLoadException($"not a .NET assembly that this runtime can load ({e.Message})", e);
        }
        MatSimPluginAttribute? marker;
        Type[] types;
        try
        {
            marker = assembly.GetCustomAttribute<MatSimPluginAttribute>();
            types = assembly.GetExportedTypes();
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or TypeLoadException or ReflectionTypeLoadException)
        {
            throw new PluginLoadException($"its dependencies cannot be resolved ({e.Message}); publish the plug-in with its .deps.json and dependencies beside it", e);
        }
        if (marker == null)
            throw new PluginLoadException($"{assembly.GetName().Name} is not marked as a MatSim plug-in; add [assembly: MatSimPlugin(PluginApi.Version)]");
        if (marker.ApiVersion != PluginApi.Version)
            throw new PluginLoadException($"{assembly.GetName().Name} was built for MatSim plug-in API {marker.ApiVersion}; this MatSim speaks API {PluginApi.Version}; rebuild it against this MatSim");
        var plugins = new List<IMatSimPlugin>();
        foreach (Type type in types.Where(t => typeof(IMatSimPlugin).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false }))
        {
            if (type.GetConstructor(Type.EmptyTypes) == null)
                throw new PluginLoadException($"plug-in class {type.FullName} needs a public parameterless constructor");
            try
            {
                plugins.Add((IMatSimPlugin)Activator.CreateInstance(type)!);
            }
            catch (TargetInvocationException e)
            {
                throw new PluginLoadException($"constructing {type.FullName} failed: {e.InnerException?.Message}", e);
            }
        }
        if (plugins.Count == 0)
            throw new PluginLoadException($"{assembly.GetName().Name} has no public class implementing IMatSimPlugin");
        return plugins;
    }

    private sealed class PluginLoadContext(string assemblyPath) : AssemblyLoadContext($"matsim-plugin:{Path.GetFileName(assemblyPath)}")
    {
        private readonly AssemblyDependencyResolver resolver = new(assemblyPath);

        protected override Assembly? Load(AssemblyName name)
        {
            // Host first: MatSim's contract assemblies and every library the host ships (MathNet,
            // YamlDotNet, …) are shared, so types crossing the boundary are the same types.
            if (name.Name?.StartsWith("MatSim.", StringComparison.Ordinal) == true) return null;
            try
            {
                return Default.LoadFromAssemblyName(name);
            }
            catch (FileNotFoundException)
            {
                // not a host assembly: the plug-in's own dependency
            }
            string? path = resolver.ResolveAssemblyToPath(name);
            return path != null ? LoadFromAssemblyPath(path) : null;
        }

        protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
        {
            string? path = resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
            return path != null ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;
        }
    }
}
