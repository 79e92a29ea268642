// Licensed under the MIT License.

using Edge.Firmware.Networking;
using nanoFramework.TestFramework;

namespace NFUnitTest.Networking
{
    /// <summary>
    /// A subscription the broker never answered is a link problem, not an ACL: the failed attempt's reason
    /// (mqtt-connect) must not send the operator to the broker's ACL.
    /// </summary>
    [TestClass]
    public class SubscribeAnswerTests
    {
        [TestMethod]
        public void NoSubackInTimeIsNotReportedAsARefusal()
        {
            SubscribeAnswer answer = new SubscribeAnswer();
            answer.Expect();

            string error = answer.Await("edge/pack-7/cmd/+", 20);

            Assert.AreEqual("no SUBACK for edge/pack-7/cmd/+ within 20 ms", error);
        }

        [TestMethod]
        public void ARefusedSubscriptionNamesTheAclAndAGrantedOneNothing()
        {
            SubscribeAnswer answer = new SubscribeAnswer();
            answer.Expect();
            answer.Answered(false);
            Assert.AreEqual("broker refused the subscription to edge/pack-7/cmd/+ (ACL)", answer.Await("edge/pack-7/cmd/+", 20));

            answer.Expect();
            answer.Answered(true);
            Assert.IsNull(answer.Await("edge/pack-7/cmd/+", 20));
        }
    }
}
