// Licensed under the MIT License.

using Edge.Core.Boards;
using Edge.Core.Calibration;

namespace Edge.HostSim.Measurement;

/// <summary>
/// A calibration bench for a simulated unit: runs the core's <see cref="CalibrationProcedure"/>
/// step by step, applying each reference input to the unit's <see cref="MeasurementChain"/>
/// (noise included, as on a real bench) and recording its readings, and returns the unit's
/// <see cref="UnitCalibration"/>. This is how a simulated unit gets the per-unit calibration
/// the controller requires before it closes a switch.
/// </summary>
public static class CalibrationBench
{
    /// <summary>Calibrates the unit behind <paramref name="chain"/>; throws when the procedure refuses a point or the result.</summary>
    public static UnitCalibration Calibrate(MeasurementChain chain, string unitId, int samplesPerPoint = CalibrationProcedure.DefaultSamplesPerPoint)
    {
        var procedure = new CalibrationProcedure(chain.Board, samplesPerPoint);
        while (!procedure.IsComplete)
        {
            CalibrationStep step = procedure.Current;
            for (int i = 0; i < procedure.SamplesPerPoint; i++)
            {
                string problem = procedure.AddSample(Read(chain, step), chain.ReferenceCounts());
                if (problem != null)
                {
                    throw new InvalidOperationException(step.Instruction + ": " + problem);
                }
            }

            if (!procedure.TryCompleteStep(out string error))
            {
                throw new InvalidOperationException(error);
            }
        }

        if (!procedure.TryFinish(unitId, out UnitCalibration calibration, out string finishError))
        {
            throw new InvalidOperationException(finishError);
        }

        return calibration;
    }

    /// <summary>The unit's reading of the step's channel with the step's reference applied.</summary>
    public static int Read(MeasurementChain chain, CalibrationStep step) => step.Kind switch
    {
        CalibrationChannelKind.Cell => chain.CellCounts(step.ChannelIndex, step.ReferenceValue / 1000.0),
        CalibrationChannelKind.ModuleCurrent => chain.ModuleCurrentCounts(step.ChannelIndex, step.ReferenceValue * 1e-6),
        _ => chain.TemperatureCounts(step.ChannelIndex, step.ReferenceValue / 10.0),
    };
}
