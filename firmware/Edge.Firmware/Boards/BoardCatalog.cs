// Licensed under the MIT License.

namespace Edge.Firmware.Boards
{
    /// <summary>
    /// The board files of the repository compiled into the application as string constants, and
    /// the lookup by board name that the persisted device settings use at boot.
    /// </summary>
    /// <remarks>
    /// nanoFramework's resource and file-system packages are outside the API this project verifies,
    /// so a board travels inside the assembly. Each constant is a verbatim copy of a file in boards/;
    /// the gate tests compare them byte for byte, so editing only one side fails the build.
    /// Adding a board: add the constant, a line in <see cref="Find"/> and its name in <see cref="Names"/>.
    /// </remarks>
    public static class BoardCatalog
    {
        /// <summary>Verbatim copy of boards/esp32-devkitc-4s2m.board.</summary>
        public const string DevKitC4s2m = @"# ESP32-DevKitC V4 (ESP32-WROOM-32E), 4 cells in 2 modules of 2, every channel on its own ADC1 pin.
# Reference circuit and the arithmetic behind every value: boards/README.md.
#
# REF: a precision 1.225 V shunt reference (LM4041-1.2 class), buffered, feeds the REF pin of every
# front end; it is not derived from the 3.3 V rail, so a supply dip does not move the readings.
# Cells: a difference amplifier per cell, gain 0.33 around REF: -3..+3 V maps to 0.235..2.215 V,
# inside the ADC's accurate span (150-2450 mV) and below 2880 counts on every chip.
# Current: a 10 ohm high-side shunt per module into an INA190A2 (50 V/V, REF pin on REF) = 500 V/A:
# +-2 mA maps to 0.225..2.225 V, about 1.6 uA per count, 95 counts at the 154 uA plating cap.
# Current stage: one current sink per module behind its switch (stripping only, cannot plate).
# The DevKitC breaks out six ADC1 GPIOs (32, 33, 34, 35, 36, 39; 37 and 38 are not on the
# header), all used here, so this board has no temperature channel and no [reference] input.
#
# Calibration points: SYNTHETIC, not a measurement. Computed from the nominal front end and
# Espressif's typical ADC characterisation (Vref 1100 mV); a real chip's Vref lies anywhere in
# 1000-1200 mV. The controller closes no switch on these points: every unit needs its own
# per-unit calibration (boards/README.md, ""Per-unit calibration"").

[board]
name = esp32-devkitc-4s2m
module = wroom                 # ESP32-WROOM-32E: GPIO 6-11 are flash; the pins below also suit a WROVER
sample_period_ms = 10          # 100 Hz: resolves 0.1 s rests and 1 s pulses (seed [W] timings)
adc_resolution_bits = 12       # nanoFramework always converts at 12 bits
adc_attenuation_db = 11        # and at 11 dB
status_led_pin = 23            # external LED to GND through 1 kohm
status_led_active = high

[enable]
feed_pin = 22                  # toggled once per healthy tick into a 74LVC1G123 retriggerable monostable
timeout_ms = 100               # Rext 100 kohm x Cext 1 uF; its Q gates both switch drivers and both current sinks

[cell 0]
adc_pin = 36                   # ADC1 channel 0 (SENSOR_VP)
divider_ratio = 0.33
offset_mv = 1225
calibration = 4:-3272, 2875:3737, 2938:3858, 3077:4154, 3199:4401, 3328:4647, 3453:4866, 3578:5068, 3714:5271, 3840:5450, 3971:5625, 4088:5776

[cell 1]
adc_pin = 39                   # ADC1 channel 3 (SENSOR_VN)
divider_ratio = 0.3297         # 0.1 % resistors: within 0.2 % of the 0.33 design
offset_mv = 1226
calibration = 2:-3283, 2874:3735, 2943:3867, 3066:4132, 3200:4404, 3333:4657, 3461:4881, 3584:5079, 3706:5261, 3843:5456, 3964:5618, 4094:5786

[cell 2]
adc_pin = 34                   # ADC1 channel 6
divider_ratio = 0.3304
offset_mv = 1224
calibration = 2:-3270, 2876:3738, 2939:3858, 3077:4152, 3206:4412, 3334:4655, 3450:4858, 3580:5068, 3717:5272, 3839:5445, 3970:5620, 4088:5772

[cell 3]
adc_pin = 35                   # ADC1 channel 7
divider_ratio = 0.3296
offset_mv = 1225
calibration = 4:-3276, 2876:3744, 2949:3884, 3074:4153, 3205:4418, 3324:4645, 3453:4872, 3585:5085, 3713:5276, 3844:5462, 3968:5628, 4088:5783

[module 0]
cells = 0, 1                   # series order, lowest first
adc_pin = 32                   # ADC1 channel 4: INA190A2 output
shunt_milliohm = 10000
amplifier_gain = 50
offset_mv = 1226
calibration = 5:-2160, 2876:2466, 2944:2551, 3072:2733, 3200:2904, 3324:3060, 3456:3213, 3584:3349, 3712:3475, 3840:3595, 3968:3708, 4089:3811
current_stage = sink
switch_pin = 18                # gate driver input, 100 kohm pull-down: open whenever the pin floats
switch_active = high
switch_driver = gpio
setpoint = dac                 # DAC1 sets the voltage-to-current converter (op-amp + MOSFET), 100 kohm pull-down
setpoint_pin = 25
setpoint_full_scale_ua = 2550  # 8-bit DAC: code 255 sets 2.55 mA, 10 uA per code (its 3.3 V across the converter's 1.29 kohm)

[module 1]
cells = 2, 3
adc_pin = 33                   # ADC1 channel 5
shunt_milliohm = 10000
amplifier_gain = 50
offset_mv = 1224
calibration = 5:-2156, 2876:2470, 2944:2555, 3072:2737, 3200:2908, 3324:3064, 3456:3217, 3584:3353, 3712:3479, 3840:3599, 3968:3712, 4089:3815
current_stage = sink
switch_pin = 19
switch_active = high
switch_driver = gpio
setpoint = dac
setpoint_pin = 26              # DAC2
setpoint_full_scale_ua = 2550

[safety]
# Currents stay inside the accurate span of the 500 V/A channel (1.225 V +- 1 V = +-2 mA); the
# controller's own default ceiling is 5 mA/cm2 x 0.3848 cm2 = 1.925 mA.
max_module_current_ma = 2
# The stage cannot plate; the plating ceiling is kept for a stage that can. Plating drives
# dendrites: seed [W] shorts at 0.7 mA/cm2; the per-cell plating limit is the controller's job.
max_plating_current_ma = 0.5
# 3 V is the stripping cut-off of the seed experiments; mirrored for plating.
cell_voltage_min_mv = -3000
cell_voltage_max_mv = 3000

[cells]
# The pack's cells: NaK on NASICON, as in the seed experiments.
electrode_area_cm2 = 0.3848        # [W] 7 mm O-ring: pi x 0.35^2 cm2
nominal_resistance_ohm_cm2 = 170   # 150 electrolyte (1.5 mm NASICON) + 20 interface
";

        /// <summary>Verbatim copy of boards/esp32-mux-6s.board.</summary>
        public const string Mux6s = @"# ESP32-WROVER-E carrier with a 74HC4051 8:1 analog multiplexer: 6 cells in 3 modules of 2.
# Reference circuit and the arithmetic behind every value: boards/README.md.
#
# REF: a precision 1.225 V shunt reference (LM4041-1.2 class), buffered, on the REF pin of every
# front end and on multiplexer input 7, which the controller reads every tick to take out drift.
# Each cell has its own difference amplifier (gain 0.33 around REF: -3..+3 V maps to
# 0.235..2.215 V) whose output goes to one 74HC4051 input; the multiplexer output is buffered
# (rail-to-rail op-amp) and filtered (1 kohm + 10 nF, tau = 10 us) into one ADC1 pin. Input 6
# carries an NTC divider (10 kohm B3950 NTC from 3.3 V, 10 kohm to GND). The 74HC4051's INH is
# tied low (always on): the WROVER leaves too few free GPIOs to drive it.
# Module currents are sampled directly (not through the multiplexer) so that a current step
# and its cell voltage are read within one tick: INA190A5 (500 V/V, REF pin on REF) on a 1 ohm
# shunt = 500 V/A, +-2 mA in the accurate span, about 1.6 uA per count.
# Load switches are PWM-driven charge-pump gate drivers; setpoints are RC-filtered PWM into one
# current sink per module (stripping only, cannot plate).
#
# Calibration points: SYNTHETIC, not a measurement (see esp32-devkitc-4s2m.board): nominal
# front end x Espressif's typical ADC (Vref 1100 mV); the NTC points from the B3950 equation.
# Every unit needs its own per-unit calibration before a switch may close.

[board]
name = esp32-mux-6s
module = wrover                # GPIO 16 and 17 are PSRAM: not used below
sample_period_ms = 20          # 8 multiplexed inputs x (100 us settle + conversion) per tick
adc_resolution_bits = 12
adc_attenuation_db = 11
status_led_pin = 23            # LED to 3.3 V, lit when the pin is low
status_led_active = low

[enable]
feed_pin = 22                  # toggled once per healthy tick into a 74LVC1G123 retriggerable monostable
timeout_ms = 100               # 100 kohm x 1 uF; Q enables the three gate drivers and the three sinks

[mux]
select_pins = 18, 19, 21       # S0, S1, S2 of the 74HC4051
adc_pin = 36                   # ADC1 channel 0
filter_ohm = 1000              # buffer output to the ADC pin: 1 kohm ...
filter_pf = 10000              # ... and 10 nF: tau = 10 us
settle_us = 100                # 10 time constants: 12 bits need 9 (ln 4096 = 8.3)

[reference]
mux_input = 7                  # the buffered 1.225 V REF
nominal_mv = 1225

[cell 0]
mux_input = 0
divider_ratio = 0.33
offset_mv = 1225
calibration = 4:-3272, 2875:3737, 2938:3858, 3077:4154, 3199:4401, 3328:4647, 3453:4866, 3578:5068, 3714:5271, 3840:5450, 3971:5625, 4088:5776

[cell 1]
mux_input = 1
divider_ratio = 0.3297
offset_mv = 1226
calibration = 2:-3283, 2874:3735, 2943:3867, 3066:4132, 3200:4404, 3333:4657, 3461:4881, 3584:5079, 3706:5261, 3843:5456, 3964:5618, 4094:5786

[cell 2]
mux_input = 2
divider_ratio = 0.3304
offset_mv = 1224
calibration = 2:-3270, 2876:3738, 2939:3858, 3077:4152, 3206:4412, 3334:4655, 3450:4858, 3580:5068, 3717:5272, 3839:5445, 3970:5620, 4088:5772

[cell 3]
mux_input = 3
divider_ratio = 0.3296
offset_mv = 1225
calibration = 4:-3276, 2876:3744, 2949:3884, 3074:4153, 3205:4418, 3324:4645, 3453:4872, 3585:5085, 3713:5276, 3844:5462, 3968:5628, 4088:5783

[cell 4]
mux_input = 4
divider_ratio = 0.3302
offset_mv = 1226
calibration = 2:-3278, 2878:3739, 2940:3856, 3067:4128, 3204:4405, 3333:4650, 3460:4872, 3580:5065, 3708:5256, 3836:5438, 3969:5616, 4090:5772

[cell 5]
mux_input = 5
divider_ratio = 0.3299
offset_mv = 1224
calibration = 4:-3270, 2879:3751, 2942:3869, 3069:4142, 3205:4417, 3330:4655, 3455:4874, 3579:5074, 3715:5277, 3836:5449, 3962:5618, 4089:5782

[temperature 0]
mux_input = 6
# counts : 0.1 degC (the NTC divider voltage rises with temperature)
calibration = 179:-200, 424:-100, 763:0, 1181:100, 1641:200, 1872:250, 2095:300, 2501:400, 2838:500, 3148:600, 3410:700, 3740:850

[module 0]
cells = 0, 1
adc_pin = 39                   # ADC1 channel 3
shunt_milliohm = 1000
amplifier_gain = 500
offset_mv = 1225
calibration = 5:-2158, 2876:2468, 2944:2553, 3072:2735, 3200:2906, 3324:3062, 3456:3215, 3584:3351, 3712:3477, 3840:3597, 3968:3710, 4089:3813
current_stage = sink
switch_pin = 25                # gate driver with a charge pump: needs a running clock; 100 kohm pull-down
switch_active = high
switch_driver = pwm
switch_pwm_frequency_hz = 20000
switch_pwm_channel = 1         # LEDC timer 0, shared with PWM2 (module 1's switch, also 20 kHz)
setpoint = pwm
setpoint_pin = 4               # 100 kohm pull-down ahead of the filter
setpoint_pwm_frequency_hz = 40000   # 10-bit LEDC at 40 kHz, 2-pole RC filter to the current sink
setpoint_pwm_channel = 5       # LEDC timer 2, shared with PWM6 (also 40 kHz)
setpoint_full_scale_ua = 2048  # 100 % duty sets 2.048 mA: 1024 counts of 2 uA

[module 1]
cells = 2, 3
adc_pin = 34                   # ADC1 channel 6
shunt_milliohm = 1000
amplifier_gain = 500
offset_mv = 1226
calibration = 5:-2160, 2876:2466, 2944:2551, 3072:2733, 3200:2904, 3324:3060, 3456:3213, 3584:3349, 3712:3475, 3840:3595, 3968:3708, 4089:3811
current_stage = sink
switch_pin = 26
switch_active = high
switch_driver = pwm
switch_pwm_frequency_hz = 20000
switch_pwm_channel = 2
setpoint = pwm
setpoint_pin = 32              # an ADC1 GPIO the board does not read, used as an output
setpoint_pwm_frequency_hz = 40000
setpoint_pwm_channel = 6
setpoint_full_scale_ua = 2048

[module 2]
cells = 4, 5
adc_pin = 35                   # ADC1 channel 7
shunt_milliohm = 1000
amplifier_gain = 500
offset_mv = 1224
calibration = 5:-2156, 2876:2470, 2944:2555, 3072:2737, 3200:2908, 3324:3064, 3456:3217, 3584:3353, 3712:3479, 3840:3599, 3968:3712, 4089:3815
current_stage = sink
switch_pin = 27
switch_active = high
switch_driver = pwm
switch_pwm_frequency_hz = 20000
switch_pwm_channel = 3         # LEDC timer 1; its partner PWM4 stays free
setpoint = pwm
setpoint_pin = 33
setpoint_pwm_frequency_hz = 40000
setpoint_pwm_channel = 7       # LEDC timer 3; PWM8 stays free
setpoint_full_scale_ua = 2048

[safety]
# Currents inside the accurate span of the 500 V/A channels (1.225 V +- 1 V = +-2 mA).
max_module_current_ma = 2
max_plating_current_ma = 0.5
cell_voltage_min_mv = -3000
cell_voltage_max_mv = 3000
temperature_max_c = 45.0       # NaK cells on NASICON run at room temperature; 45 degC means a fault

[cells]
# The pack's cells: NaK on NASICON, as in the seed experiments.
electrode_area_cm2 = 0.3848        # [W] 7 mm O-ring: pi x 0.35^2 cm2
nominal_resistance_ohm_cm2 = 170   # 150 electrolyte (1.5 mm NASICON) + 20 interface
";

        /// <summary>The [board] names of every board in the catalog.</summary>
        public static readonly string[] Names = new string[] { "esp32-devkitc-4s2m", "esp32-mux-6s" };

        /// <summary>Board text for <paramref name="name"/> (the [board] name key), or null when unknown.</summary>
        public static string Find(string name)
        {
            if (name == "esp32-devkitc-4s2m")
            {
                return DevKitC4s2m;
            }

            if (name == "esp32-mux-6s")
            {
                return Mux6s;
            }

            return null;
        }
    }
}
