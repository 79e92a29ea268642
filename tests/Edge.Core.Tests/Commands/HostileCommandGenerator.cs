using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Edge.Core.Tests.Commands;

/// <summary>
/// Malformed or hostile command payloads, each built from a valid template by one mutation: random bytes,
/// truncation, wrong types, huge or non-numbers, unknown verbs and fields, deep nesting, long strings,
/// invalid UTF-8. Shared by the core's property test and the broker-level test (linked source).
/// </summary>
internal static class HostileCommandGenerator
{
    /// <summary>The number of mutation kinds <see cref="Build"/> knows.</summary>
    public const int KindCount = 10;

    public static readonly string[] ValidVerbs = { "start", "stop", "resetFault", "setMode", "setProtocol", "getConfig" };

    public static readonly string[] Templates =
    {
        "{\"id\":\"a\",\"module\":0}",
        "{\"id\":\"a\"}",
        "{\"id\":\"a\",\"module\":-1}", // every module: a reset naming a module that holds nothing is refused
        "{\"id\":\"a\",\"mode\":\"observe\"}",
        "{\"id\":\"a\",\"steps\":[\"Strip at 100 uA for 1 s\",\"Rest for 1 s\"],\"stripCutoffMv\":2500}",
        "{\"id\":\"a\"}",
    };

    // A field of each verb's template and values of the wrong type for it.
    private static readonly string[] TypedField = { "module", "id", "module", "mode", "steps", "id" };

    private static readonly string[][] WrongTypes =
    {
        new[] { "\"0\"", "true", "null", "[0]", "[]", "\"\"" },
        new[] { "5", "true", "null", "[\"a\"]", "-1", "0.5" },
        new[] { "\"1\"", "false", "null", "[\"1\"]", "\"module\"", "\"-1\"" },
        new[] { "1", "true", "null", "[\"observe\"]", "\"Observe\"", "\"\"" },
        new[] { "\"Strip at 1 mA\"", "5", "null", "[1,2]", "[null]", "[true]" },
        new[] { "0", "false", "null", "[]", "1e3", "-0" },
    };

    private static readonly string[] HugeNumbers =
    {
        "99999999999999999999999999", "-99999999999999999999", "1e999", "-1e999", "1.7976931348623157e308", "9223372036854775808",
        "-9223372036854775809", "2147483648", "-2147483649", "4294967296", "1E400", "0.0000000000001",
    };

    private static readonly string[] NotANumber = { "NaN", "Infinity", "-Infinity", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "nan", "inf", "+1", ".5", "1.", "0x10", "--1" };

    /// <summary>Any kind, any verb, any seed and any noise.</summary>
    public static Gen<HostileCase> Cases()
    {
        return from kind in Gen.Choose(0, KindCount - 1)
               from verb in Gen.Choose(0, ValidVerbs.Length - 1)
               from seed in Gen.Choose(0, int.MaxValue)
               from noise in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b))
               select new HostileCase(kind, verb, seed, noise);
    }

    public sealed record HostileCase(int Kind, int VerbIndex, int Seed, byte[] Noise)
    {
        public override string ToString() => $"kind {Kind}, verb {VerbIndex}, seed {Seed}, {Noise.Length} noise bytes";
    }

    public static (string Verb, byte[] Payload) Build(HostileCase c)
    {
        var random = new Random(c.Seed);
        int v = c.VerbIndex;
        string verb = ValidVerbs[v];
        string template = Templates[v];
        string json;
        switch (c.Kind)
        {
            case 0:
                // Random bytes, sometimes dressed as an object.
                byte[] noise = c.Noise;
                if (random.Next(2) == 0)
                {
                    noise = new[] { (byte)'{' }.Concat(c.Noise).ToArray();
                }

                return (verb, noise);
            case 1:
                // Any strict prefix of an object is unfinished.
                byte[] whole = Encoding.UTF8.GetBytes(template);
                return (verb, whole.Take(random.Next(whole.Length)).ToArray());
            case 2:
                json = Replace(template, TypedField[v], WrongTypes[v][random.Next(WrongTypes[v].Length)]);
                break;
            case 3:
                json = v == 4
                    ? template.Replace("2500", HugeNumbers[random.Next(HugeNumbers.Length)])
                    : "{\"id\":\"a\",\"module\":" + HugeNumbers[random.Next(HugeNumbers.Length)] + "}";
                verb = v == 4 ? verb : ValidVerbs[random.Next(3)];
                break;
            case 4:
                string nan = NotANumber[random.Next(NotANumber.Length)];
                json = v == 3 ? Replace(template, "mode", nan) : v == 4 ? template.Replace("2500", nan) : "{\"id\":\"a\",\"module\":" + nan + "}";
                verb = v == 3 || v == 4 ? verb : ValidVerbs[random.Next(3)];
                break;
            case 5:
                // Unknown verb, valid body.
                string[] unknown = { "fly", "START", "Start", "start ", "set_mode", "result2", "", "reboot", "\u0000", "setProtocol/x", "start\u200b" };
                return (unknown[random.Next(unknown.Length)] + (random.Next(3) == 0 ? random.Next().ToString() : string.Empty), Encoding.UTF8.GetBytes(template));
            case 6:
                // Unknown field.
                string name = random.Next(3) switch { 0 => "Id", 1 => "module ", _ => "x" + random.Next() };
                json = template.Insert(template.Length - 1, ",\"" + name + "\":1");
                break;
            case 7:
                // Deep nesting, up to far beyond any stack.
                int depth = 2 + random.Next(random.Next(2) == 0 ? 50 : 100000);
                string open = random.Next(2) == 0 ? "[" : "{\"a\":";
                string close = open == "[" ? "]" : "}";
                string nested = string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth));
                json = template.Insert(template.Length - 1, ",\"deep\":" + nested);
                break;
            case 8:
                // Very long strings: an id past its limit or a string past the reader's limit.
                int length = 129 + random.Next(random.Next(2) == 0 ? 500 : 200000);
                string longText = new string((char)('a' + random.Next(26)), length);
                json = random.Next(2) == 0 ? Replace(template, "id", "\"" + longText + "\"") : template.Insert(template.Length - 1, ",\"" + longText + "\":1");
                break;
            default:
                // A byte that cannot stand where it is in UTF-8, inside the id.
                byte[] valid = Encoding.UTF8.GetBytes(template);
                int at = Array.IndexOf(valid, (byte)'a', 6);
                byte bad = (byte)(0x80 + random.Next(128));
                return (verb, valid.Take(at).Append(bad).Concat(valid.Skip(at)).ToArray());
        }

        return (verb, Encoding.UTF8.GetBytes(json));
    }

    private static string Replace(string template, string field, string value)
    {
        int start = template.IndexOf("\"" + field + "\":", StringComparison.Ordinal) + field.Length + 3;
        int depth = 0;
        int end = start;
        bool inString = false;
        for (; end < template.Length; end++)
        {
            char ch = template[end];
            if (ch == '"')
            {
                inString = !inString;
            }
            else if (!inString && ch == '[')
            {
                depth++;
            }
            else if (!inString && ch == ']')
            {
                depth--;
            }
            else if (!inString && depth == 0 && (ch == ',' || ch == '}'))
            {
                break;
            }
        }

        return template[..start] + value + template[end..];
    }
}
