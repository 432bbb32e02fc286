using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using MatSim.Simulation.Plugins;

namespace MatSim.Cli;

/// <summary>`matsim plugins list`: every component MatSim and its plug-ins provide, with options, units and defaults.</summary>
internal static class PluginCommands
{
    public static Command Create(ComponentRegistry registry, Func<Func<int>, int> guard, TextWriter output)
    {
        var pluginOption = new Option<FileInfo[]>("--plugin", "-p")
        {
            Description = "also load this plug-in assembly (repeatable); plug-in folders: $MATSIM_PLUGINS and ~/.matsim/plugins",
        };
        var jsonOption = new Option<bool>("--json") { Description = "print JSON instead of a table" };
        var markdownOption = new Option<bool>("--markdown") { Description = "print the configuration key reference (docs/keys.md)" };
        var list = new Command("list", "List energy models, MC moves, samplers, reference calculators, structure formats and executors.")
        {
            pluginOption, jsonOption, markdownOption,
        };
        list.SetAction(parse => guard(() =>
        {
            bool allLoaded = true;
            foreach (FileInfo file in parse.GetValue(pluginOption) ?? []) allLoaded &= registry.TryLoadPlugin(file.FullName);
            if (parse.GetValue(markdownOption)) output.Write(KeyReference.Markdown(registry));
            else if (parse.GetValue(jsonOption)) output.WriteLine(Json(registry));
            else WriteTable(registry, output);
            return allLoaded ? MatSimCommandLine.Success : MatSimCommandLine.Failure;
        }));
        return new Command("plugins", "Components available by name, and the plug-ins that provide them.") { list };
    }

    private static void WriteTable(ComponentRegistry registry, TextWriter output)
    {
        foreach (IGrouping<ComponentKind, ComponentInfo> kind in registry.Components.GroupBy(c => c.Kind))
        {
            output.WriteLine($"{ComponentRegistry.KindName(kind.Key)}s:");
            foreach (ComponentInfo c in kind)
            {
                output.WriteLine($"  {c.Name,-18} {c.Assembly} {c.Version}");
                output.WriteLine($"  {"",-18} {c.Description}");
                foreach (OptionInfo o in c.Options)
                    output.WriteLine($"  {"",-18}   {o.Name,-22} {(o.Unit.Length > 0 ? $"[{o.Unit}]" : ""),-8} {(o.Default != null ? $"default {o.Default}" : "required"),-26} {o.Description}");
            }
        }
        foreach (PluginFailure failure in registry.Failures) output.WriteLine($"not loaded: {failure.Path}: {failure.Reason}");
    }

    private static string Json(ComponentRegistry registry)
    {
        var components = new JsonArray();
        foreach (ComponentInfo c in registry.Components)
        {
            var options = new JsonArray();
            foreach (OptionInfo o in c.Options)
                options.Add(new JsonObject { ["name"] = o.Name, ["unit"] = o.Unit, ["default"] = o.Default, ["description"] = o.Description });
            components.Add(new JsonObject
            {
                ["name"] = c.Name, ["kind"] = c.Kind.ToString(), ["assembly"] = c.Assembly, ["version"] = c.Version,
                ["description"] = c.Description, ["options"] = options,
            });
        }
        var failures = new JsonArray();
        foreach (PluginFailure f in registry.Failures) failures.Add(new JsonObject { ["path"] = f.Path, ["reason"] = f.Reason });
        return new JsonObject { ["components"] = components, ["failures"] = failures }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
