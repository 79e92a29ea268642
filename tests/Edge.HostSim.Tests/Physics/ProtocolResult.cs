namespace Edge.HostSim.Tests.Physics;

/// <summary>Outcome of a test protocol: charge passed (mAh/cm2) and whether it ended on its failure criterion.</summary>
internal readonly record struct ProtocolResult(double ChargeMAhPerCm2, bool Ended);
