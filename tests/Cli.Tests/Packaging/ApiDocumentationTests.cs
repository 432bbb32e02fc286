using System.Reflection;
using System.Xml.Linq;
using MatSim.TestSupport;

namespace MatSim.Cli.Tests.Packaging;

/// <summary>Every public type of MatSim's packaged libraries carries an XML documentation summary.</summary>
public class ApiDocumentationTests
{
    public static TheoryData<string> Libraries => new(Repository.Libraries);

    [Theory]
    [MemberData(nameof(Libraries))]
    public void EveryPublicTypeIsDocumented(string library)
    {
        Assembly assembly = Assembly.Load(library);
        string xml = Path.Combine(AppContext.BaseDirectory, library + ".xml");
        Assert.True(File.Exists(xml), $"{xml} missing: GenerateDocumentationFile is off for {library}");
        HashSet<string> documented = XDocument.Load(xml).Descendants("member")
            .Where(m => m.Element("summary") is { } s && s.Value.Trim().Length > 0)
            .Select(m => (string)m.Attribute("name")!)
            .ToHashSet(StringComparer.Ordinal);

        List<string> undocumented = assembly.GetExportedTypes()
            .Select(t => "T:" + t.FullName!.Replace('+', '.'))
            .Where(name => !documented.Contains(name))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(undocumented.Count == 0, $"{undocumented.Count} public types of {library} lack a <summary>:\n{string.Join("\n", undocumented)}");
    }
}
