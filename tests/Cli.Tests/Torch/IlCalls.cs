using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace MatSim.Cli.Tests.Torch;

/// <summary>
/// The call graph of an assembly read from its IL: for every method body, the methods it calls (call, callvirt,
/// newobj, ldftn), each named "Namespace.Type::Method(ParameterTypes)".
/// </summary>
internal static class IlCalls
{
    public static IEnumerable<(string Caller, string Callee)> Calls(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        var md = pe.GetMetadataReader();
        foreach (var th in md.TypeDefinitions)
        {
            var t = md.GetTypeDefinition(th);
            string tn = md.GetString(t.Namespace) + "." + md.GetString(t.Name);
            foreach (var mh in t.GetMethods())
            {
                var m = md.GetMethodDefinition(mh);
                if (m.RelativeVirtualAddress == 0) continue;
                var body = pe.GetMethodBody(m.RelativeVirtualAddress);
                var il = body.GetILReader();
                string caller = tn + "::" + md.GetString(m.Name) + Sig(md, m.Signature);
                var list = new List<(string, string)>();
                while (il.RemainingBytes > 0)
                {
                    int op = il.ReadByte();
                    ILOpCode code = op == 0xFE ? (ILOpCode)(0xFE00 | il.ReadByte()) : (ILOpCode)op;
                    int size = OperandSize(code, ref il);
                    if (code is ILOpCode.Call or ILOpCode.Callvirt or ILOpCode.Newobj or ILOpCode.Ldftn)
                    {
                        var h = MetadataTokens.EntityHandle(il.ReadInt32());
                        list.Add((caller, Name(md, h)));
                    }
                    else il.Offset += size;
                }
                foreach (var x in list) yield return x;
            }
        }
    }
        private static string Name(MetadataReader md, EntityHandle h)
    {
        switch (h.Kind)
        {
            case HandleKind.MethodDefinition:
                var m = md.GetMethodDefinition((MethodDefinitionHandle)h);
                var t = md.GetTypeDefinition(m.GetDeclaringType());
                return md.GetString(t.Namespace) + "." + md.GetString(t.Name) + "::" + md.GetString(m.Name) + Sig(md, m.Signature);
            case HandleKind.MemberReference:
                var r = md.GetMemberReference((MemberReferenceHandle)h);
                string parent = r.Parent.Kind switch
                {
                    HandleKind.TypeReference => md.GetString(md.GetTypeReference((TypeReferenceHandle)r.Parent).Namespace) + "." + md.GetString(md.GetTypeReference((TypeReferenceHandle)r.Parent).Name),
                    HandleKind.TypeDefinition => md.GetString(md.GetTypeDefinition((TypeDefinitionHandle)r.Parent).Namespace) + "." + md.GetString(md.GetTypeDefinition((TypeDefinitionHandle)r.Parent).Name),
                    HandleKind.TypeSpecification => "spec",
                    _ => "?",
                };
                return parent + "::" + md.GetString(r.Name) + (r.GetKind() == MemberReferenceKind.Method ? Sig(md, r.Signature) : "");
            case HandleKind.MethodSpecification:
                return Name(md, md.GetMethodSpecification((MethodSpecificationHandle)h).Method);
            default: return "?";
        }
    }
        private static string Sig(MetadataReader md, BlobHandle blob)
    {
        var decoder = new SignatureDecoder<string, object?>(new Names(), md, null);
        var reader = md.GetBlobReader(blob);
        var sig = decoder.DecodeMethodSignature(ref reader);
        return "(" + string.Join(",", sig.ParameterTypes) + ")";
    }
        private static int OperandSize(ILOpCode c, ref BlobReader il)
    {
        switch (c)
        {
            case ILOpCode.Switch: { int n = il.ReadInt32(); return n * 4; }
            case ILOpCode.Ldc_i8: case ILOpCode.Ldc_r8: return 8;
            case ILOpCode.Ldarg_s: case ILOpCode.Ldarga_s: case ILOpCode.Starg_s: case ILOpCode.Ldloc_s: case ILOpCode.Ldloca_s: case ILOpCode.Stloc_s:
            case ILOpCode.Ldc_i4_s: case ILOpCode.Br_s: case ILOpCode.Brfalse_s: case ILOpCode.Brtrue_s: case ILOpCode.Beq_s: case ILOpCode.Bge_s:
            case ILOpCode.Bgt_s: case ILOpCode.Ble_s: case ILOpCode.Blt_s: case ILOpCode.Bne_un_s: case ILOpCode.Bge_un_s: case ILOpCode.Bgt_un_s:
            case ILOpCode.Ble_un_s: case ILOpCode.Blt_un_s: case ILOpCode.Leave_s: case ILOpCode.Unaligned: return 1;
            case ILOpCode.Ldarg: case ILOpCode.Ldarga: case ILOpCode.Starg: case ILOpCode.Ldloc: case ILOpCode.Ldloca: case ILOpCode.Stloc: return 2;
            case ILOpCode.Ldc_i4: case ILOpCode.Ldc_r4: case ILOpCode.Br: case ILOpCode.Brfalse: case ILOpCode.Brtrue: case ILOpCode.Beq: case ILOpCode.Bge:
            case ILOpCode.Bgt: case ILOpCode.Ble: case ILOpCode.Blt: case ILOpCode.Bne_un: case ILOpCode.Bge_un: case ILOpCode.Bgt_un: case ILOpCode.Ble_un:
            case ILOpCode.Blt_un: case ILOpCode.Leave: case ILOpCode.Jmp: case ILOpCode.Call: case ILOpCode.Calli: case ILOpCode.Callvirt: case ILOpCode.Cpobj:
            case ILOpCode.Ldobj: case ILOpCode.Ldstr: case ILOpCode.Newobj: case ILOpCode.Castclass: case ILOpCode.Isinst: case ILOpCode.Unbox: case ILOpCode.Ldfld:
            case ILOpCode.Ldflda: case ILOpCode.Stfld: case ILOpCode.Ldsfld: case ILOpCode.Ldsflda: case ILOpCode.Stsfld: case ILOpCode.Stobj: case ILOpCode.Box:
            case ILOpCode.Newarr: case ILOpCode.Ldelema: case ILOpCode.Ldelem: case ILOpCode.Stelem: case ILOpCode.Unbox_any: case ILOpCode.Refanyval: case ILOpCode.Mkrefany:
            case ILOpCode.Ldtoken: case ILOpCode.Ldftn: case ILOpCode.Ldvirtftn: case ILOpCode.Initobj: case ILOpCode.Constrained: case ILOpCode.Sizeof: return 4;
            default: return 0;
        }
    }

    /// <summary>Type names as signatures show them (short names; enough to tell overloads apart).</summary>
    private sealed class Names : ISignatureTypeProvider<string, object?>
    {
        public string GetArrayType(string e, ArrayShape s) => e + "[,]";
        public string GetByReferenceType(string e) => e + "&";
        public string GetFunctionPointerType(MethodSignature<string> s) => "fnptr";
        public string GetGenericInstantiation(string g, ImmutableArray<string> a) => g + "<" + string.Join(",", a) + ">";
        public string GetGenericMethodParameter(object? c, int i) => "!!" + i;
        public string GetGenericTypeParameter(object? c, int i) => "!" + i;
        public string GetModifiedType(string m, string u, bool r) => u;
        public string GetPinnedType(string e) => e;
        public string GetPointerType(string e) => e + "*";
        public string GetPrimitiveType(PrimitiveTypeCode t) => t.ToString();
        public string GetSZArrayType(string e) => e + "[]";
        public string GetTypeFromDefinition(MetadataReader r, TypeDefinitionHandle h, byte k) => r.GetString(r.GetTypeDefinition(h).Name);
        public string GetTypeFromReference(MetadataReader r, TypeReferenceHandle h, byte k) => r.GetString(r.GetTypeReference(h).Name);
        public string GetTypeFromSpecification(MetadataReader r, object? c, TypeSpecificationHandle h, byte k) => "spec";
    }
}
