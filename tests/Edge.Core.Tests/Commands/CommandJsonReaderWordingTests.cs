using Edge.Core.Commands;
using Xunit;

namespace Edge.Core.Tests.Commands;

/// <summary>
/// What real clients send that is not JSON, answered in the sender's terms: the field it was given for, the text as
/// sent, and what to send instead. Every refusal changes nothing.
/// </summary>
public class CommandJsonReaderWordingTests
{
    // A leading zero (a zero-padded counter, "01000" from a form) was refused as "expected ',' or '}' at character N"
    // under "$": nothing said the number was the problem, nor which field held it. JSON's grammar (RFC 8259, section 6)
    // allows no leading zero, no '+', no bare '.', no NaN or Infinity (Python's json.dumps writes NaN for a float nan).
    [Theory]
    [InlineData("start", "{\"id\":\"n1\",\"module\":01}", "module", "01 has a leading zero, which JSON numbers may not have: send 1")]
    [InlineData("start", "{\"id\":\"n1\",\"module\":00}", "module", "00 has a leading zero, which JSON numbers may not have: send 0")]
    [InlineData("start", "{\"id\":\"n1\",\"module\":-01}", "module", "-01 has a leading zero, which JSON numbers may not have: send -1")]
    [InlineData("setProtocol", "{\"id\":\"n1\",\"minimumRestMs\":001000}", "minimumRestMs", "001000 has a leading zero, which JSON numbers may not have: send 1000")]
    [InlineData("setProtocol", "{\"id\":\"n1\",\"minimumRestMs\":01.5}", "minimumRestMs", "01.5 has a leading zero, which JSON numbers may not have")]
    [InlineData("start", "{\"id\":\"n1\",\"module\":0x1}", "module", "0x1 is not a JSON number")]
    [InlineData("start", "{\"id\":\"n1\",\"module\":1_0}", "module", "1_0 is not a JSON number")]
    [InlineData("start", "{\"id\":\"n1\",\"module\":1.}", "module", "1. is not a JSON number")]
    [InlineData("start", "{\"id\":\"n1\",\"module\":1e+}", "module", "1e+ is not a JSON number")]
    [InlineData("start", "{\"id\":\"n1\",\"module\":+1}", "module", "+1 is not a JSON number")]
    [InlineData("start", "{\"id\":\"n1\",\"module\":.5}", "module", ".5 is not a JSON number")]
    [InlineData("start", "{\"id\":\"n1\",\"module\":-}", "module", "- is not a JSON number")]
    [InlineData("start", "{\"id\":\"n1\",\"module\":NaN}", "module", "NaN is not a JSON number: JSON has no NaN or Infinity")]
    [InlineData("start", "{\"id\":\"n1\",\"module\":-Infinity}", "module", "-Infinity is not a JSON number: JSON has no NaN or Infinity")]
    [InlineData("start", "{\"id\":\"n1\",\"module\":True}", "module", "True is not a JSON value: true, false and null are lowercase, text is in double quotes")]
    [InlineData("start", "{\"id\":\"n1\",\"module\":None}", "module", "None is not a JSON value: true, false and null are lowercase, text is in double quotes")]
    [InlineData("setProtocol", "{\"id\":\"n1\",\"steps\":[01]}", "steps", "01 has a leading zero, which JSON numbers may not have: send 1")]
    [InlineData("setProtocol", "{\"id\":\"n1\",\"steps\":[\"Rest for 1 s\",NaN]}", "steps", "NaN is not a JSON number: JSON has no NaN or Infinity")]
    [InlineData("setProtocol", "{\"id\":\"n1\",\"repeat\":False}", "repeat", "False is not a JSON value: true, false and null are lowercase, text is in double quotes")]
    public void AMalformedNumberOrWordIsRefusedUnderItsFieldQuotingIt(string verb, string json, string field, string message)
    {
        CommandReply reply = CommandRig.RefusalFromIdleRig(verb, json);

        Assert.Equal((false, "n1", field, message), (reply.Ok, reply.RequestId, reply.ErrorField, reply.ErrorMessage));
    }

    // The quoted text is bounded: a reply echoes at most a few dozen characters of what was sent.
    [Fact]
    public void ALongMalformedNumberIsQuotedShortened()
    {
        var rig = new CommandRig();
        CommandReply reply = rig.Send("start", "{\"id\":\"n2\",\"module\":0" + new string('7', 100) + "}");

        Assert.Equal("module", reply.ErrorField);
        Assert.Equal("0" + new string('7', 23) + "... has a leading zero, which JSON numbers may not have", reply.ErrorMessage);
    }

    // -0 is JSON's zero with a sign: it names module 0, as 0 does (RFC 8259 allows it; every parser reads it as 0).
    [Fact]
    public void MinusZeroIsZero()
    {
        var rig = new CommandRig();
        rig.Tick();
        Assert.True(rig.Send("start", "{\"id\":\"z1\",\"module\":-0}").Ok);
        rig.Tick();
        Assert.NotEqual(Edge.Core.Records.ModuleState.Idle, rig.Controller.Module(0).State);
        Assert.Equal(Edge.Core.Records.ModuleState.Idle, rig.Controller.Module(1).State);
    }

    // A trailing comma (a hand-edited or template-built payload), a comment (JSON5 or a config file pasted in) or a
    // payload cut short were refused as "expected a field name at character N", "expected ',' or '}' at character N" or
    // "is not a JSON value": nothing said what was found there. Positions count characters from 0, as Python's json
    // ("char N") and JavaScript's JSON.parse ("position N") do; the test finds them in the payload itself.
    [Theory]
    [InlineData("start", "{\"id\":\"s1\",}", ",}", "$", "has a trailing comma at character {0}, before '}}': remove it")]
    [InlineData("start", "{\"id\":\"s1\",\"module\":0 ,\r\n}", ",\r", "$", "has a trailing comma at character {0}, before '}}': remove it")]
    [InlineData("setProtocol", "{\"id\":\"s1\",\"steps\":[\"Rest for 1 s\",]}", ",]", "steps", "has a trailing comma at character {0}, before ']': remove it")]
    [InlineData("start", "{\"id\":\"s1\" /* note */}", "/*", "$", "expected ',' or '}}' at character {0}, found a comment (JSON has no comments)")]
    [InlineData("start", "{\"id\":\"s1\",// note\n\"module\":0}", "//", "$", "expected a field name in double quotes at character {0}, found a comment (JSON has no comments)")]
    [InlineData("start", "{\"id\":\"s1\"} // note", "//", "$", "unexpected data after the object at character {0}: a comment (JSON has no comments)")]
    [InlineData("start", "{\"id\":\"s1\"} x", "x", "$", "unexpected data after the object at character {0}: 'x'")]
    [InlineData("start", "{\"id\":\"s1\" \"module\":0}", "\"module", "$", "expected ',' or '}}' at character {0}, found '\"'")]
    [InlineData("start", "{\"id\":\"s1\"\u00a0}", "\u00a0", "$", "expected ',' or '}}' at character {0}, found U+00A0")]
    [InlineData("start", "{\"id\":\"s1\",'module':0}", "'", "$", "expected a field name in double quotes at character {0}, found a single quote (JSON takes double quotes)")]
    [InlineData("start", "{\"id\":\"s1\",module:0}", "module", "$", "expected a field name in double quotes at character {0}, found 'm'")]
    [InlineData("start", "{\"id\":\"s1\",\"module\"=0}", "=", "module", "expected ':' after the field name at character {0}, found '='")]
    [InlineData("start", "{\"id\":\"s1\",\"module\":'0'}", "'", "module", "expected a value at character {0}, found a single quote (JSON takes double quotes)")]
    [InlineData("setProtocol", "{\"id\":\"s1\",\"steps\":[\"Rest for 1 s\";\"x\"]}", ";", "steps", "expected ',' or ']' in the array at character {0}, found ';'")]
    [InlineData("setProtocol", "{\"id\":\"s1\",\"steps\":[,]}", "[,", "steps", "expected an array item at character {1}, found ','")]
    public void AStructuralErrorSaysWhatWasFoundAndWhere(string verb, string json, string marker, string field, string message)
    {
        int at = json.IndexOf(marker, System.StringComparison.Ordinal);

        CommandReply reply = CommandRig.RefusalFromIdleRig(verb, json);

        Assert.Equal((false, "s1", field, string.Format(System.Globalization.CultureInfo.InvariantCulture, message, at, at + 1)), (reply.Ok, reply.RequestId, reply.ErrorField, reply.ErrorMessage));
    }

    // A payload cut short (a script's buffer, a shell's quoting) says so, with where it ends: its length in characters
    // ({"id":"s2" is 10).
    [Theory]
    [InlineData("{\"id\":\"s2\"", "s2", "$", "expected ',' or '}' at character 10, found the end of the payload (it is cut short)")]
    [InlineData("{\"id\":\"s2\",", "s2", "$", "expected a field name in double quotes at character 11, found the end of the payload (it is cut short)")]
    [InlineData("{\"id\":\"s2\",\"module\":", "s2", "module", "expected a value at character 20, found the end of the payload (it is cut short)")]
    [InlineData("{\"id\":\"s2\",\"module\"", "s2", "module", "expected ':' after the field name at character 19, found the end of the payload (it is cut short)")]
    [InlineData("{", null, "$", "expected a field name in double quotes at character 1, found the end of the payload (it is cut short)")]
    public void APayloadCutShortSaysSo(string json, string id, string field, string message)
    {
        var rig = new CommandRig();
        CommandReply reply = rig.Send("start", json);

        Assert.Equal((false, id, field, message), (reply.Ok, reply.RequestId, reply.ErrorField, reply.ErrorMessage));
    }

    // A comment before the object is no object at all; saying "must be a JSON object" left the sender looking at one.
    [Fact]
    public void ACommentBeforeTheObjectIsNamed()
    {
        var rig = new CommandRig();
        CommandReply reply = rig.Send("start", "// stop module 0\n{\"id\":\"s3\"}");

        Assert.Equal(("$", "must be a JSON object, found a comment (JSON has no comments) at character 0"), (reply.ErrorField, reply.ErrorMessage));
    }

    // A raw tab or line break inside a string (a value pasted from a spreadsheet, a multi-line template) was refused as
    // "control character in a string": which one, and where, and how to send it, were left to guess. JSON requires
    // U+0000 to U+001F escaped inside strings (RFC 8259, section 7). The value's opening quote is at character 18.
    [Theory]
    [InlineData("{\"id\":\"c1\",\"mode\":\"act\t\"}", 22, "U+0009", "\\t")]
    [InlineData("{\"id\":\"c1\",\"mode\":\"act\r\n\"}", 22, "U+000D", "\\r")]
    [InlineData("{\"id\":\"c1\",\"mode\":\"a\u0001\"}", 20, "U+0001", "\\u0001")]
    public void ARawControlCharacterInAStringIsNamedWithItsEscape(string json, int at, string codePoint, string escape)
    {
        CommandReply reply = CommandRig.RefusalFromIdleRig("setMode", json);

        Assert.Equal((false, "c1", "mode", "has a control character, " + codePoint + ", at character " + at + ": write it escaped, as " + escape),
            (reply.Ok, reply.RequestId, reply.ErrorField, reply.ErrorMessage));
    }
}
