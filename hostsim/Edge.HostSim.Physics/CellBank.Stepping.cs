using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Edge.HostSim.Physics;

/// <summary>Time stepping of <see cref="CellBank"/>: depletion modes, contact loss, filaments, shunts, voltage.</summary>
public sealed partial class CellBank
{
    /// <summary>Advances one cell by the nominal step at a constant current density; returns the voltage, V.</summary>
    public double Step(int cell, double currentDensityMAPerCm2)
    {
        return StepCell(cell, currentDensityMAPerCm2, StepS, _decay, _decayFast, _decaySlow, _decayRealloy, _decayVoid, _decayCrust);
    }

    /// <summary>Advances one cell by <paramref name="stepS"/> (any positive length; exact for the depletion layer).</summary>
    public double Step(int cell, double currentDensityMAPerCm2, double stepS)
    {
        if (stepS == StepS)
        {
            return Step(cell, currentDensityMAPerCm2);
        }

        if (!(stepS > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(stepS), stepS, "The time step must be positive.");
        }

        EnsureAlternateStep(cell, stepS);
        return StepCell(cell, currentDensityMAPerCm2, stepS, _altDecay,
            Math.Exp(-stepS / _p.TauFastRecoveryS), Math.Exp(-stepS / _p.TauSlowRecoveryS), Math.Exp(-stepS / _p.TauRealloyS), Math.Exp(-stepS / _p.TauVoidRecoveryS), Math.Exp(-stepS / _p.TauCrustRecoveryS));
    }

    /// <summary>Advances every cell by the nominal step; one current density in and one voltage out per cell.</summary>
    public void StepAll(ReadOnlySpan<double> currentDensityMAPerCm2, Span<double> voltageV)
    {
        if (currentDensityMAPerCm2.Length < Count || voltageV.Length < Count)
        {
            throw new ArgumentException("Give one current and one voltage slot per cell.");
        }

        for (int c = 0; c < Count; c++)
        {
            voltageV[c] = StepCell(c, currentDensityMAPerCm2[c], StepS, _decay, _decayFast, _decaySlow, _decayRealloy, _decayVoid, _decayCrust);
        }
    }

    /// <summary>Advances every cell by <paramref name="stepS"/> (slower unless it equals the nominal step).</summary>
    public void StepAll(ReadOnlySpan<double> currentDensityMAPerCm2, Span<double> voltageV, double stepS)
    {
        if (stepS == StepS)
        {
            StepAll(currentDensityMAPerCm2, voltageV);
            return;
        }

        for (int c = 0; c < Count; c++)
        {
            voltageV[c] = Step(c, currentDensityMAPerCm2[c], stepS);
        }
    }

    private void EnsureAlternateStep(int cell, double stepS)
    {
        if (_cells[cell].AltStepS != stepS)
        {
            DiffusionModes.FillDecay(_altDecay.AsSpan(cell * _modes, _modes), _cells[cell].TauS, stepS);
            _cells[cell].AltStepS = stepS;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double StepCell(int c, double iExt, double dt, double[] decay, double decayFast, double decaySlow, double decayRealloy, double decayVoid, double decayCrust)
    {
        ref CellState st = ref _cells[c];
        if (iExt == 0 && st.Special == 0)
        {
            return RestCell(ref st, c * _modes, decay, decayFast, decaySlow, decayRealloy, decayVoid, decayCrust);
        }

        double contact = st.Contact;
        double iInt = iExt;
        if (st.Special != 0)
        {
            double g = ShuntConductance(c, dt);
            if (g > 0)
            {
                // Thevenin equivalent of the interface at the start of the step, small-signal resistance.
                double cs0 = st.SurfaceConcentration;
                double e = _ocvV - _thermalV * Math.Log(cs0);
                double r = st.ROhmVPerMA + _contactVPerMA / contact + _thermalV / (0.5 * _twoI0 * contact * cs0);
                iInt = (iExt - g * e) / (1.0 + g * r);
            }
        }

        // Supply runs through the contact that blocking left; lasting damage narrows the current path and cuts only
        // part of the supply (VoidSupplyExponent).
        double supply = SupplyContact(in st);
        double contactTerm = _contactExponent == 1.0 ? supply
            : (_contactExponent == 0.0 ? 1.0 : Math.Pow(supply, _contactExponent));
        double u = iInt / (contactTerm * st.ILim0 * st.LimitFactor);

        double theta = AdvanceModes(c * _modes, u, decay) + _tailWeight * u;
        st.Theta = theta;

        double chargeMAh = iInt * dt * (1.0 / SecondsPerHour);
        double stripped = st.StrippedMAh + chargeMAh;
        st.StrippedMAh = stripped;
        double composition;
        if (_isAlloy)
        {
            // The charge still passes once the alloy's Na is gone (the cell held at the compliance clamp), but it takes
            // no Na from it: the Na drawn stops at the inventory, so later plating restores Na instead of paying off a debt.
            double drawn = st.NaDrawnMAh + chargeMAh;
            drawn = drawn < _naCapacityMAh ? drawn : _naCapacityMAh;
            st.NaDrawnMAh = drawn;
            composition = drawn;
        }
        else
        {
            // Same for a metal: stripping past the reservoir leaves none, not a negative amount.
            double metal = st.MetalMAh - (chargeMAh > 0 ? chargeMAh : chargeMAh * KeptShareOfPlating(st.PlatedTotalMAh));
            st.MetalMAh = metal > 0 ? metal : 0.0;
            composition = stripped;
        }

        if (Math.Abs(composition - st.CompositionChargeMAh) > _compositionUpdateMAh)
        {
            UpdateComposition(c);
        }

        // Contact loss once the interface nears exhaustion; recovery all the time; plating refills fast voids.
        double phiF = st.PhiFast;
        double phiS = st.PhiSlow;
        if (theta > _precursorOnset && iInt > 0)
        {
            // Blocking spreads over the area the liquid wets; the widened voids narrow the current path, not that area.
            double wetted = st.Constriction == 0 ? contact : contact / (1.0 - st.Constriction);
            // Only the remaining contact can be blocked. Precursor spots re-dissolve quickly (fast share only);
            // full exhaustion also leaves slow damage.
            phiF += _precursorRate * (theta - _precursorOnset) * wetted * dt;
            if (theta > 1.0 && (st.Crust >= 1.0 || !_hasCrustStage))
            {
                // The precipitate has closed into a crust: it now blocks faster than the liquid re-dissolves it.
                double excessDepletion = theta - 1.0;
                double growth = _precipitationRate * excessDepletion * wetted * dt;
                phiF += (1.0 - _slowShare) * growth;
                phiS += _slowShare * growth * (excessDepletion < _slowExcessCap ? 1.0 : _slowExcessCap / excessDepletion);
            }
        }

        if (theta > _crustOnset)
        {
            // K precipitate nucleates where the surface liquid is K-saturated and stays dispersed (the layer is
            // bounded) until enough has built up to close into a crust; a demand far above the limit builds it
            // disproportionately faster (exponent n > 1), so a slow current scan outlasts a jump to the same current.
            if (iInt > 0 && st.Crust < 1.0 && st.CrustRate > 0)
            {
                double excessCrust = theta - _crustOnset;
                double power = _crustExponent == 1.5 ? excessCrust * Math.Sqrt(excessCrust) : Math.Pow(excessCrust, _crustExponent);
                // Closed is closed: a demand far past the cut-off (current forced on) added 0.27 in one step, and a
                // crust at 172 took ln 172 recovery times (77 h) longer to reopen.
                double crust = st.Crust + (st.CrustRate * power * dt);
                st.Crust = crust < 1.0 ? crust : 1.0;
            }
        }
        else if (st.Crust != 0)
        {
            // Na-rich liquid at the surface again: the nuclei re-dissolve (re-alloy) over hours. (Most steps have none:
            // skip the store.)
            st.Crust *= decayCrust;
        }

        double phiV = st.PhiVoid;
        if (u > _voidOnset)
        {
            // A demand beyond what the liquid resupplies (u > 1: the layer would run dry under steady current) leaves
            // voids and K patches that outlast the rest ([W] DRT, gamma_int): they build up over many pulses as the
            // alloy loses Na and recover over tens of minutes.
            phiV += _voidRate * (u - _voidOnset) * (1.0 - phiV) * dt;
        }

        double phiC = st.Constriction;
        if (u > _constrictionOnset && _constrictionRate != 0)
        {
            // Stripping widens the voids the alloy's surface tension leaves ([W] Fig. 1d, gamma_int from 0.2 mA/cm2):
            // they narrow the current path but the liquid around them still supplies Na.
            phiC += _constrictionRate * (u - _constrictionOnset) * (1.0 - phiC) * dt;
        }

        phiF *= decayFast;
        phiS *= decaySlow;
        phiV *= decayVoid;
        phiC *= decayVoid;
        if (iInt < 0)
        {
            double platedMAh = -chargeMAh;
            st.PlatedTotalMAh += platedMAh;
            double voidsBefore = phiF;
            // Exponential in the plated charge, so that one long step refills as much as many short ones (dividing by
            // 1 + q/q0 each step compounds to exp(-q/q0) over small steps but gives 1/(1 + q/q0) in one).
            phiF *= Math.Exp(-platedMAh * _refillPerMAh);
            phiV *= Math.Exp(-platedMAh * _voidRefillPerMAh);

            // The refilled fast voids (fresh from the last stripping) hold Na metal, not alloy, until it re-alloys: the
            // current concentrates on it. Lasting voids sit in contact that has had time to re-wet: refilled, they re-alloy.
            // Widened voids fill with Na metal too ([W] Fig. 1e: gamma_int vanishes while plating at 0.4 mA/cm2).
            double constrictionBefore = phiC;
            phiC *= Math.Exp(-platedMAh * _constrictionRefillPerMAh);
            double deposit = st.DepositFraction + voidsBefore - phiF + constrictionBefore - phiC;
            st.DepositFraction = deposit < 1.0 ? deposit : 1.0;
            double accumulated = st.PlatedAccumulationMAh + platedMAh;
            st.PlatedAccumulationMAh = accumulated;
            double excess = -iInt * (1.0 + _depositFocusing * st.DepositFraction) / contact - _platingCritical;
            double depositDrive = -_depositFilamentRate * st.DepositFraction * iInt;
            if (_depositNucleationMAh > 0)
            {
                // The deposits seed a filament once Na has piled up on them (accumulation outruns re-alloying).
                depositDrive *= accumulated / (accumulated + _depositNucleationMAh);
            }

            double rate = (excess > 0 ? _filamentRate * FilamentDrive(excess) : 0.0) + depositDrive;
            if (rate > 0)
            {
                // A filament cracks its way through the electrolyte at a finite speed, however focused the current.
                GrowFilament(c, (rate < _filamentMaxRate ? rate : _filamentMaxRate) * dt);
            }
        }

        st.PlatedAccumulationMAh *= decayRealloy;
        st.DepositFraction *= decayRealloy;
        double blocked = phiF + phiS;
        if (blocked > _maxBlocked)
        {
            double scale = _maxBlocked / blocked;
            phiF *= scale;
            phiS *= scale;
            blocked = _maxBlocked;
        }

        st.PhiFast = phiF;
        st.PhiSlow = phiS;
        st.PhiVoid = phiV < _maxBlocked ? phiV : _maxBlocked;
        st.Constriction = phiC < _maxBlocked ? phiC : _maxBlocked;
        contact = SetContact(ref st, 1.0 - blocked);

        // Surface Na relative to the bulk (alloys); floor = ceiling = 1 for metals, i.e. no concentration term.
        double floor = st.ConcentrationFloor;
        double cs = 1.0 - theta * (1.0 - floor);
        double ceiling = st.ConcentrationCeiling;
        cs = cs < floor ? floor : (cs > ceiling ? ceiling : cs);
        st.SurfaceConcentration = cs;
        st.InternalCurrent = iInt;

        // 2 RT/F asinh(y) + RT/F ln(1/c_s) folded into one logarithm.
        double inverseContact = 1.0 / contact;
        double inverseCs = 1.0 / cs;
        double y = iInt * inverseContact * inverseCs / _twoI0;
        double ay = Math.Abs(y);
        double s = ay + Math.Sqrt(ay * ay + 1.0);
        double s2 = s * s;
        double argument = iInt >= 0 ? s2 * inverseCs : inverseCs / s2;
        double polarisation = iInt * (st.ROhmVPerMA + _contactVPerMA * inverseContact) + _thermalV * Math.Log(argument);
        double limit = _maxPolarisationV;
        polarisation = polarisation > limit ? limit : (polarisation < -limit ? -limit : polarisation);
        double voltage = _ocvV + polarisation;
        st.VoltageV = voltage;
        return voltage;
    }

    /// <summary>
    /// Sets the contact that carries current: the open area (blocked share removed) narrowed by the lasting damage;
    /// returns it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double SetContact(ref CellState st, double open)
    {
        double contact = open * (1.0 - st.PhiVoid) * (1.0 - st.Constriction);
        contact = contact > _minContact ? contact : _minContact;
        st.Contact = contact;
        return contact;
    }

    /// <summary>
    /// The contact that supplies Na: the open area, with the lasting damage counted only through
    /// <see cref="CellParameters.VoidSupplyExponent"/> (the liquid still feeds the spots around it). Computed when
    /// current flows, so resting cells pay nothing for it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double SupplyContact(in CellState st)
    {
        double open = 1.0 - st.PhiFast - st.PhiSlow;
        double phiV = st.PhiVoid;
        if (phiV != 0 && _voidSupplyExponent != 0)
        {
            open *= _voidSupplyExponent == 1.0 ? 1.0 - phiV : Math.Pow(1.0 - phiV, _voidSupplyExponent);
        }

        return open > _minContact ? open : _minContact;
    }

    /// <summary>
    /// Share of plated metal that stays usable (metal anodes): the dead share falls from its first-plating value to its
    /// conditioned value with the charge plated so far.
    /// </summary>
    private double KeptShareOfPlating(double platedTotalMAh)
    {
        double dead = _p.PlatingInactiveFraction;
        if (_p.InactiveConditioningMAhPerCm2 > 0)
        {
            double conditioned = _p.PlatingInactiveFractionConditioned;
            dead = conditioned + ((dead - conditioned) * Math.Exp(-platedTotalMAh / _p.InactiveConditioningMAhPerCm2));
        }

        return 1.0 - dead;
    }

    /// <summary>
    /// Open circuit without a shunt (most cells in a pulse/rest protocol): the layer relaxes, the blocked area
    /// recovers and only the concentration term remains, so the flux, kinetics and damage terms are skipped.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double RestCell(ref CellState st, int offset, double[] decay, double decayFast, double decaySlow, double decayRealloy, double decayVoid, double decayCrust)
    {
        ref double x = ref MemoryMarshal.GetArrayDataReference(_modeState);
        ref double e = ref MemoryMarshal.GetArrayDataReference(decay);
        Vector<double> sum = Vector<double>.Zero;
        double guardSize = _underflowGuard;
        var guard = new Vector<double>(guardSize);
        int width = Vector<double>.Count;
        for (int n = 0; n < _modes; n += width)
        {
            nuint k = (nuint)(offset + n);
            Vector<double> state = Vector.LoadUnsafe(ref x, k);
            Vector<double> size = Vector.Abs(state);
            Vector<double> next;
            if ((Vector.LessThan(size, guard) & Vector.GreaterThan(size, Vector<double>.Zero)) == Vector<long>.Zero)
            {
                next = Vector.LoadUnsafe(ref e, k) * state;
            }
            else
            {
                // Each fast mode decays through the subnormal range once per long rest, where a multiplication is
                // some 50 times slower: those lanes take GradualUnderflow's product (the same bits), the others
                // their own. Written without a call, which would cost the loop its registers.
                for (int i = 0; i < width; i++)
                {
                    ref double lane = ref Unsafe.Add(ref x, (nint)k + i);
                    double factor = Unsafe.Add(ref e, (nint)k + i);
                    double laneSize = Math.Abs(lane);
                    lane = laneSize < guardSize && laneSize > 0 ? GradualUnderflow.Multiply(lane, factor) : factor * lane;
                }

                next = Vector.LoadUnsafe(ref x, k);
            }

            Vector.StoreUnsafe(next, ref x, k);
            sum += next;
        }

        double theta = Vector.Sum(sum);
        st.Theta = theta;
        st.InternalCurrent = 0;
        st.PhiFast *= decayFast;
        st.PhiSlow *= decaySlow;
        st.PlatedAccumulationMAh *= decayRealloy;
        st.DepositFraction *= decayRealloy;
        st.PhiVoid *= decayVoid;
        if (st.Constriction != 0)
        {
            st.Constriction *= decayVoid;
        }

        if (st.Crust != 0)
        {
            st.Crust *= decayCrust;
        }
        SetContact(ref st, 1.0 - st.PhiFast - st.PhiSlow);

        double floor = st.ConcentrationFloor;
        double cs = 1.0 - theta * (1.0 - floor);
        double ceiling = st.ConcentrationCeiling;
        cs = cs < floor ? floor : (cs > ceiling ? ceiling : cs);
        st.SurfaceConcentration = cs;
        double voltage = _ocvV - _thermalV * Math.Log(cs);
        st.VoltageV = voltage;
        return voltage;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double AdvanceModes(int offset, double u, double[] decay)
    {
        // x_n <- e_n (x_n - a_n u) + a_n u: the weights a_n are shared by all cells (L1-resident), so only the
        // state and the per-cell decay factors stream from memory.
        ref double x = ref MemoryMarshal.GetArrayDataReference(_modeState);
        ref double e = ref MemoryMarshal.GetArrayDataReference(decay);
        ref double a = ref MemoryMarshal.GetArrayDataReference(_weights);
        var uVector = new Vector<double>(u);
        Vector<double> sum = Vector<double>.Zero;
        int width = Vector<double>.Count;
        for (int n = 0; n < _modes; n += width)
        {
            nuint k = (nuint)(offset + n);
            Vector<double> target = Vector.LoadUnsafe(ref a, (nuint)n) * uVector;
            Vector<double> next = Vector.LoadUnsafe(ref e, k) * (Vector.LoadUnsafe(ref x, k) - target) + target;
            Vector.StoreUnsafe(next, ref x, k);
            sum += next;
        }

        return Vector.Sum(sum);
    }

    /// <summary>(|i| / A - i_crit)^n_L, with the fitted exponents as square roots (plating steps only).</summary>
    private double FilamentDrive(double excess)
    {
        if (_filamentExponent == 1.0)
        {
            return excess;
        }

        return _filamentExponent == 0.25 ? Math.Sqrt(Math.Sqrt(excess)) : Math.Pow(excess, _filamentExponent);
    }

    private void GrowFilament(int c, double increment)
    {
        double filament = Math.Min(1.0, _cells[c].Filament + increment);
        _cells[c].Filament = filament;
        if (filament >= _p.SoftShortFilamentThreshold)
        {
            _cells[c].Special = 1;
        }

        if (filament >= 1.0 && !_cells[c].HardShort)
        {
            _cells[c].HardShort = true;
            HardShortCount++;
        }
    }

    /// <summary>Shunt conductance across the cell for this step, mA/cm2 per V (slow path, rare).</summary>
    private double ShuntConductance(int c, double dt)
    {
        if (_cells[c].HardShort)
        {
            return 1e3 / _p.HardShortOhmCm2;
        }

        double g = 0;
        double threshold = _p.SoftShortFilamentThreshold;
        double filament = _cells[c].Filament;
        if (_eventRemainingS[c] > 0)
        {
            g += _eventConductance[c];
            _eventRemainingS[c] -= dt;
        }
        else if (filament >= threshold)
        {
            // Spikes get more frequent as the filament approaches the counter electrode, and deeper and longer as it
            // thickens: the first contacts are thin and brief, the last ones nearly the hard short (an assumption: the
            // seeds show the hard short, not what comes before it).
            double progress = threshold < 1.0 ? (filament - threshold) / (1.0 - threshold) : 1.0;
            double meanIntervalS = _p.SoftShortMeanIntervalS * (1.0 - 0.9 * progress);
            if (SplitMix64.NextDouble(ref _rng[c]) < dt / meanIntervalS)
            {
                double maxOhm = _p.SoftShortMaxOhmCm2;
                double minDurationS = _p.SoftShortMinDurationS;
                double r = LogUniform(c, maxOhm * Math.Pow(_p.SoftShortMinOhmCm2 / maxOhm, progress), maxOhm);
                _eventConductance[c] = 1e3 / r;
                _eventRemainingS[c] = LogUniform(c, minDurationS, minDurationS * Math.Pow(_p.SoftShortMaxDurationS / minDurationS, progress));
                g += _eventConductance[c];
                _eventRemainingS[c] -= dt;
            }
        }

        if (_injectedConductance[c] > 0)
        {
            if (_injectedMeanOnS[c] > 0)
            {
                _injectedRemainingS[c] -= dt;
                if (_injectedRemainingS[c] <= 0)
                {
                    _injectedOn[c] = !_injectedOn[c];
                    _injectedRemainingS[c] = ExponentialSample(c, _injectedOn[c] ? _injectedMeanOnS[c] : _injectedMeanOffS[c]);
                }
            }

            if (_injectedOn[c])
            {
                g += _injectedConductance[c];
            }
        }

        if (g == 0)
        {
            UpdateSpecial(c);
        }

        return g;
    }

    private double LogUniform(int c, double min, double max)
    {
        double r = SplitMix64.NextDouble(ref _rng[c]);
        return min * Math.Exp(r * Math.Log(max / min));
    }
}
