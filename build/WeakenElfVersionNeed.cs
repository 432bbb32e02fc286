// MSBuild task (compiled by RoslynCodeTaskFactory, see LibTorchSharpPatch.targets).
// Marks one symbol-version requirement of an ELF64 shared library weak (VER_FLG_WEAK in the
// Elf64_Vernaux entry of .gnu.version_r), so that the dynamic loader accepts the library on a
// system whose copy of the needed library lacks that version. Safe only when no relocation binds
// a symbol of that version; the task checks this and refuses otherwise.
#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class MatSimWeakenElfVersionNeed : Task
{
    const uint ShtRela = 4;
    const uint ShtDynsym = 11;
    const uint ShtGnuVerdef = 0x6ffffffd;
    const uint ShtGnuVerneed = 0x6ffffffe;
    const uint ShtGnuVersym = 0x6fffffff;
    const ushort VerFlgWeak = 0x2;

    [Required] public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();
    [Required] public string Library { get; set; } = "";
    [Required] public string Version { get; set; } = "";

    public override bool Execute()
    {
        string? system = FindSystemLibrary(Library);
        if (system == null)
        {
            Log.LogWarning("MatSim: no system {0} found; cannot tell whether it provides {1}. {2} left unpatched.",
                Library, Version, string.Join(", ", Array.ConvertAll(Files, f => f.ItemSpec)));
            return true;
        }
        if (ReadDefinedVersions(File.ReadAllBytes(system)).Contains(Version))
        {
            Log.LogMessage(MessageImportance.Low, "MatSim: {0} provides {1}; no patch needed.", system, Version);
            return true;
        }
        foreach (ITaskItem item in Files)
        {
            string path = item.ItemSpec;
            if (!File.Exists(path)) continue;
            try
            {
                PatchFile(path, system);
            }
            catch (Exception e) when (e is InvalidDataException || e is IOException)
            {
                Log.LogError("MatSim: cannot make {0} loadable: {1}", path, e.Message);
                return false;
            }
        }
        return !Log.HasLoggedErrors;
    }

    void PatchFile(string path, string system)
    {
        byte[] elf = File.ReadAllBytes(path);
        Elf view = new Elf(elf, path);
        Section? verneed = view.FindByType(ShtGnuVerneed);
        if (verneed == null) throw new InvalidDataException("it has no .gnu.version_r section");
        Section strings = view.Sections[(int)verneed.Link];

        int needOffset = (int)verneed.Offset;
        bool found = false;
        while (true)
        {
            ushort count = view.U16(needOffset + 2);
            string file = view.CString(strings, view.U32(needOffset + 4));
            int auxOffset = needOffset + (int)view.U32(needOffset + 8);
            for (int a = 0; a < count; a++)
            {
                string name = view.CString(strings, view.U32(auxOffset + 8));
                if (file == Library && name == Version)
                {
                    found = true;
                    ushort flags = view.U16(auxOffset + 4);
                    if ((flags & VerFlgWeak) != 0)
                    {
                        Log.LogMessage(MessageImportance.Low, "MatSim: {0} already needs {1} weakly.", path, Version);
                        return;
                    }
                    EnsureNoRelocationUses(view, view.U16(auxOffset + 6));
                    WriteU16(elf, auxOffset + 4, (ushort)(flags | VerFlgWeak));
                }
                auxOffset += (int)view.U32(auxOffset + 12);
            }
            uint next = view.U32(needOffset + 12);
            if (next == 0) break;
            needOffset += (int)next;
        }
        if (!found)
        {
            Log.LogMessage(MessageImportance.Low, "MatSim: {0} does not need {1} from {2}.", path, Version, Library);
            return;
        }
        // Write a new file and rename it over the old one: a hard link to the NuGet cache is
        // broken, never written through. File.Copy keeps the permissions of the original.
        string temporary = path + ".matsim-patch";
        File.Copy(path, temporary, overwrite: true);
        File.WriteAllBytes(temporary, elf);
        File.Replace(temporary, path, null);
        Log.LogMessage(MessageImportance.High,
            "MatSim: marked the {0} need of {1} weak ({2} lacks it).", Version, Path.GetFileName(path), system);
    }

    // Every symbol whose version index is the one being weakened must be unused by relocations,
    // otherwise the loader would bind it to a definition the system does not have.
    void EnsureNoRelocationUses(Elf view, ushort versionIndex)
    {
        Section? versym = view.FindByType(ShtGnuVersym);
        Section? dynsym = view.FindByType(ShtDynsym);
        if (versym == null || dynsym == null) throw new InvalidDataException("it has no symbol version table");
        Section dynstr = view.Sections[(int)dynsym.Link];
        int symbolCount = (int)(dynsym.Size / 24);
        var carriers = new HashSet<int>();
        for (int s = 0; s < symbolCount; s++)
            if ((view.U16((int)versym.Offset + 2 * s) & 0x7fff) == versionIndex) carriers.Add(s);
        foreach (Section rela in view.Sections)
        {
            if (rela.Type != ShtRela || rela.Link >= view.Sections.Count || view.Sections[(int)rela.Link] != dynsym) continue;
            for (long r = 0; r < rela.Size / 24; r++)
            {
                int symbol = (int)(view.U64((int)(rela.Offset + 24 * r + 8)) >> 32);
                if (carriers.Contains(symbol))
                {
                    string name = view.CString(dynstr, view.U32((int)dynsym.Offset + 24 * symbol));
                    throw new InvalidDataException(
                        $"symbol {name} of version {Version} is bound by a relocation; weakening the need would break it. " +
                        $"Install a {Library} that provides {Version} instead.");
                }
            }
        }
    }

    static HashSet<string> ReadDefinedVersions(byte[] bytes)
    {
        var names = new HashSet<string>();
        Elf view = new Elf(bytes, "system library");
        Section? verdef = view.FindByType(ShtGnuVerdef);
        if (verdef == null) return names;
        Section strings = view.Sections[(int)verdef.Link];
        int offset = (int)verdef.Offset;
        while (true)
        {
            int aux = offset + (int)view.U32(offset + 12);
            names.Add(view.CString(strings, view.U32(aux)));
            uint next = view.U32(offset + 16);
            if (next == 0) break;
            offset += (int)next;
        }
        return names;
    }

    static string? FindSystemLibrary(string name)
    {
        var directories = new List<string>();
        string? fromEnvironment = Environment.GetEnvironmentVariable("LD_LIBRARY_PATH");
        if (!string.IsNullOrEmpty(fromEnvironment)) directories.AddRange(fromEnvironment.Split(':'));
        directories.AddRange(new[]
        {
            "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu",
            "/usr/lib/aarch64-linux-gnu", "/lib64", "/usr/lib64", "/lib", "/usr/lib",
        });
        foreach (string directory in directories)
        {
            if (directory.Length == 0) continue;
            string candidate = Path.Combine(directory, name);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    static void WriteU16(byte[] bytes, int offset, ushort value)
    {
        bytes[offset] = (byte)value;
        bytes[offset + 1] = (byte)(value >> 8);
    }

    sealed class Section
    {
        public uint Type;
        public long Offset;
        public long Size;
        public uint Link;
    }

    // Minimal little-endian ELF64 reader: section headers and string lookups only.
    sealed class Elf
    {
        readonly byte[] bytes;
        public readonly List<Section> Sections = new List<Section>();

        public Elf(byte[] bytes, string what)
        {
            this.bytes = bytes;
            if (bytes.Length < 64 || bytes[0] != 0x7f || bytes[1] != (byte)'E' || bytes[2] != (byte)'L' || bytes[3] != (byte)'F')
                throw new InvalidDataException($"{what} is not an ELF file");
            if (bytes[4] != 2 || bytes[5] != 1)
                throw new InvalidDataException($"{what} is not a little-endian 64-bit ELF file");
            long headerOffset = (long)U64(0x28);
            int headerSize = U16(0x3A);
            int count = U16(0x3C);
            for (int i = 0; i < count; i++)
            {
                int h = (int)(headerOffset + (long)i * headerSize);
                Sections.Add(new Section
                {
                    Type = U32(h + 4),
                    Offset = (long)U64(h + 24),
                    Size = (long)U64(h + 32),
                    Link = U32(h + 40),
                });
            }
        }

        public Section? FindByType(uint type) => Sections.Find(s => s.Type == type);
        public ushort U16(int o) => (ushort)(bytes[o] | bytes[o + 1] << 8);
        public uint U32(int o) => (uint)(bytes[o] | bytes[o + 1] << 8 | bytes[o + 2] << 16 | bytes[o + 3] << 24);
        public ulong U64(int o) => U32(o) | (ulong)U32(o + 4) << 32;

        public string CString(Section table, uint index)
        {
            int start = (int)(table.Offset + index);
            int end = start;
            while (bytes[end] != 0) end++;
            return Encoding.ASCII.GetString(bytes, start, end - start);
        }
    }
}
