using Edge.Core.Commands;
using Xunit;

namespace Edge.Core.Tests.Commands;

/// <summary>
/// A whole number written with a fraction or an exponent (Python's json.dumps writes 1000.0 for a float, a form or a
/// spreadsheet 1e3) is refused, as the contract says, but saying how to write it: "must be an integer" for 1000.0 read
/// as if the value were wrong. A number that is not whole keeps "must be an integer".
/// </summary>
public class CommandFieldsIntegerWordingTests
{
    [Theory]
    [InlineData("setProtocol", "minimumRestMs", "1000.0", "1000.0 must be written without a fraction or exponent: send 1000")]
    [InlineData("setProtocol", "minimumRestMs", "1e3", "1e3 must be written without a fraction or exponent: send 1000")]
    [InlineData("setProtocol", "minimumRestMs", "1E+3", "1E+3 must be written without a fraction or exponent: send 1000")]
    [InlineData("setProtocol", "minimumRestMs", "2.5e3", "2.5e3 must be written without a fraction or exponent: send 2500")]
    [InlineData("setProtocol", "minimumRestMs", "15000e-1", "15000e-1 must be written without a fraction or exponent: send 1500")]
    [InlineData("setProtocol", "maximumRestMs", "-0.0", "-0.0 must be written without a fraction or exponent: send 0")]
    [InlineData("setProtocol", "timeLimitMs", "3.6E6", "3.6E6 must be written without a fraction or exponent: send 3600000")]
    [InlineData("start", "module", "1.0", "1.0 must be written without a fraction or exponent: send 1")]
    [InlineData("start", "module", "-1.00", "-1.00 must be written without a fraction or exponent: send -1")]
    [InlineData("start", "module", "1e30", "1e30 must be written without a fraction or exponent")]
    [InlineData("start", "module", "1.5", "must be an integer")]
    [InlineData("start", "module", "1e-1", "must be an integer")]
    [InlineData("setProtocol", "minimumRestMs", "1000.5", "must be an integer")]
    [InlineData("setProtocol", "minimumRestMs", "1.2345e3", "must be an integer")]
    public void AWholeNumberWithAFractionOrExponentIsRefusedSayingHowToWriteIt(string verb, string field, string number, string message)
    {
        CommandReply reply = CommandRig.RefusalFromIdleRig(verb, "{\"id\":\"i1\",\"" + field + "\":" + number + "}");

        Assert.Equal((false, field, message), (reply.Ok, reply.ErrorField, reply.ErrorMessage));
    }
}
