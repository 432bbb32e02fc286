using System.Text;
using MatSim.Simulation.Jobs;
using MatSim.Simulation.Plugins;

namespace MatSim.Cli;

/// <summary>
/// docs/keys.md: every job's keys and every component's options, written from the declarations the configuration
/// readers enforce (`matsim plugins list --markdown`), so that the reference cannot drift from what is read.
/// </summary>
internal static class KeyReference
{
    public static string Markdown(ComponentRegistry registry)
    {
        var text = new StringBuilder();
        text.AppendLine("# Configuration keys");
        text.AppendLine();
        text.AppendLine("Written by `matsim plugins list --markdown` from the options each job and component declares — the");
        text.AppendLine("declarations the configuration readers enforce; do not edit by hand. `a.b` is key `b` inside mapping `a`;");
        text.AppendLine("`a[].b` is key `b` in each item of list `a`. A default of *required* means the key must be given.");
        text.AppendLine();
        text.AppendLine("Every configuration may also give:");
        text.AppendLine();
        Table(text, JobRunner.CommonOptions);
        foreach (IGrouping<ComponentKind, ComponentInfo> kind in registry.Components.GroupBy(c => c.Kind))
        {
            text.AppendLine($"## {char.ToUpperInvariant(ComponentRegistry.KindName(kind.Key)[0])}{ComponentRegistry.KindName(kind.Key)[1..]}s");
            text.AppendLine();
            foreach (ComponentInfo component in kind)
            {
                text.AppendLine($"### `{component.Name}`");
                text.AppendLine();
                text.AppendLine($"{component.Description} ({component.Assembly}).");
                text.AppendLine();
                if (component.Options.Count > 0) Table(text, component.Options);
                else
                {
                    text.AppendLine(kind.Key == ComponentKind.Job ? "Its keys are not declared yet; see its documentation." : "No options.");
                    text.AppendLine();
                }
            }
        }
        return text.ToString();
    }

    private static void Table(StringBuilder text, IReadOnlyList<OptionInfo> options)
    {
        text.AppendLine("| key | unit | default | what |");
        text.AppendLine("| --- | --- | --- | --- |");
        foreach (OptionInfo o in options)
            text.AppendLine($"| `{o.Name}` | {o.Unit} | {(o.Default == null ? "*required*" : Escape(o.Default))} | {Escape(o.Description)} |");
        text.AppendLine();
    }

    private static string Escape(string cell) => cell.Replace("|", "\\|", StringComparison.Ordinal);
}
