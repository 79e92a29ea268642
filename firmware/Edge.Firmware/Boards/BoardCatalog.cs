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
    /// Adding a board: add the constant and a line in <see cref="Find"/>.
    /// </remarks>
    public static class BoardCatalog
    {
        /// <summary>Verbatim copy of boards/esp32-devkitc-4s2m.board.</summary>
        public const string DevKitC4s2m = @"# ESP32-DevKitC (ESP32-WROOM-32), 4 cells in 2 modules of 2, every channel on its own ADC1 pin.
#
# Cell front ends: one difference amplifier per cell (gain about 0.4, REF = buffered 1.65 V
# mid-rail), so -3.3..+3.3 V across the cell maps to about 0.33..2.97 V at the ADC.
# Current: a high-side shunt per module into an INA190A2 (gain 50 V/V, REF = 1.65 V), bipolar:
# stripping positive, plating negative; 2 ohm x 50 = 100 V/A, about 7 uA per count.
# The DevKitC breaks out six ADC1 GPIOs (32, 33, 34, 35, 36, 39; 37 and 38 are not on the
# header), all used here, so this board has no temperature channel.
#
# Calibration points: bench calibration of the reference unit against a precision source,
# reading (counts) to the value at the source; dense near both ends, where the ESP32 ADC bends.
# The divider_ratio / offset_mv values are the nominal front end fitted to the same bench run.

[board]
name = esp32-devkitc-4s2m
sample_period_ms = 10          # 100 Hz: resolves 0.1 s rests and 1 s pulses (seed [W] timings)
adc_resolution_bits = 12
adc_attenuation_db = 11        # 0.15..3.1 V input span
status_led_pin = 2             # external LED to GND (GPIO 2 must be low at boot: a strapping pin)
status_led_active = high

[cell 0]
adc_pin = 36                   # ADC1 channel 0 (SENSOR_VP)
divider_ratio = 0.4
offset_mv = 1650
calibration = 3:-3696, 24:-3668, 85:-3583, 158:-3473, 214:-3381, 3549:2369, 3645:2540, 3746:2735, 3817:2883, 3884:3034, 3948:3191, 3997:3322, 4043:3456, 4070:3541, 4088:3601

[cell 1]
adc_pin = 39                   # ADC1 channel 3 (SENSOR_VN)
divider_ratio = 0.3992         # 0.1 % resistors: within 0.2 % of the 0.4 design
offset_mv = 1648
calibration = 1:-3701, 36:-3654, 92:-3575, 158:-3475, 222:-3369, 3548:2377, 3652:2563, 3735:2723, 3818:2896, 3892:3064, 3949:3205, 4006:3359, 4044:3471, 4065:3537, 4090:3620

[cell 2]
adc_pin = 34                   # ADC1 channel 6
divider_ratio = 0.4011
offset_mv = 1653
calibration = 1:-3696, 28:-3660, 91:-3572, 158:-3471, 224:-3362, 3549:2355, 3655:2544, 3734:2696, 3825:2885, 3892:3037, 3952:3185, 4004:3325, 4041:3433, 4066:3511, 4089:3587

[cell 3]
adc_pin = 35                   # ADC1 channel 7
divider_ratio = 0.3987
offset_mv = 1646
calibration = 3:-3698, 32:-3659, 93:-3573, 162:-3468, 214:-3382, 3548:2385, 3654:2575, 3746:2754, 3820:2909, 3887:3061, 3949:3214, 3996:3340, 4034:3450, 4075:3579, 4091:3633

[module 0]
cells = 0, 1                   # series order, lowest first
adc_pin = 32                   # ADC1 channel 4: INA190A2 output
shunt_milliohm = 2000
amplifier_gain = 50
offset_mv = 1651
calibration = 7:-14773, 31:-14644, 90:-14313, 155:-13921, 222:-13479, 3558:9528, 3655:10224, 3746:10929, 3817:11522, 3893:12211, 3944:12713, 3998:13289, 4043:13814, 4076:14233, 4090:14421
switch_pin = 16                # NPN level shifter driving a P-MOSFET high-side switch
switch_active = high
switch_driver = gpio
setpoint = dac                 # DAC1 sets the voltage-to-current converter (op-amp + MOSFET)
setpoint_pin = 25

[module 1]
cells = 2, 3
adc_pin = 33                   # ADC1 channel 5
shunt_milliohm = 2000
amplifier_gain = 50
offset_mv = 1647
calibration = 7:-14733, 31:-14604, 90:-14273, 155:-13881, 222:-13439, 3558:9568, 3655:10264, 3746:10969, 3817:11562, 3893:12251, 3944:12753, 3998:13329, 4043:13854, 4076:14273, 4090:14461
switch_pin = 17
switch_active = high
switch_driver = gpio
setpoint = dac
setpoint_pin = 26              # DAC2

[safety]
# Currents stay inside the straight part of the 100 V/A channel (about -13.5..+9.5 mA).
max_module_current_ma = 8
# Plating drives dendrites: seed [W] shorts at 0.7 mA/cm2; this is a hardware ceiling, the
# per-cell plating limit is the controller's job.
max_plating_current_ma = 5
# 3 V is the stripping cut-off of the seed experiments; mirrored for plating.
cell_voltage_min_mv = -3000
cell_voltage_max_mv = 3000

[cells]
# The pack's cells: NaK on NASICON, as in the seed experiments.
electrode_area_cm2 = 0.3848        # [W] 7 mm O-ring: pi x 0.35^2 cm2
nominal_resistance_ohm_cm2 = 170   # 150 electrolyte (1.5 mm NASICON) + 20 interface
";

        /// <summary>Verbatim copy of boards/esp32-mux-6s.board.</summary>
        public const string Mux6s = @"# ESP32 (WROOM-32) carrier with a 74HC4051 8:1 analog multiplexer: 6 cells in 3 modules of 2.
#
# Each cell has its own difference amplifier (gain about 0.4, REF = 1.65 V mid-rail) whose
# output goes to one 74HC4051 input; the multiplexer output is buffered (rail-to-rail op-amp,
# 1 kohm + 10 nF to the ADC pin) into one ADC1 pin. Input 6 carries an NTC divider (10 kohm
# B3950 NTC from 3.3 V, 10 kohm to GND); input 7 is tied to the 1.65 V reference for self-test.
# Module currents are sampled directly (not through the multiplexer) so that a current step
# and its cell voltage are read within one tick: INA190A4 (gain 200 V/V, REF = 1.65 V) on a
# 1 ohm shunt, 200 V/A, about 3.5 uA per count, for the smaller cells this board hosts.
# Load switches are PWM-driven gate drivers; setpoints are RC-filtered PWM.
#
# Calibration points: bench calibration of the reference unit (see esp32-devkitc-4s2m.board).

[board]
name = esp32-mux-6s
sample_period_ms = 20          # 6 multiplexed cells + settle time per tick
adc_resolution_bits = 12
adc_attenuation_db = 11
status_led_pin = 23            # LED to 3.3 V, lit when the pin is low
status_led_active = low

[mux]
select_pins = 18, 19, 21       # S0, S1, S2 of the 74HC4051
enable_pin = 22                # INH: high disconnects all inputs
enable_active = low
adc_pin = 36                   # ADC1 channel 0
settle_us = 50                 # 5 time constants of the 1 kohm / 10 nF filter

[cell 0]
mux_input = 0
divider_ratio = 0.4
offset_mv = 1650
calibration = 3:-3696, 24:-3668, 85:-3583, 158:-3473, 214:-3381, 3549:2369, 3645:2540, 3746:2735, 3817:2883, 3884:3034, 3948:3191, 3997:3322, 4043:3456, 4070:3541, 4088:3601

[cell 1]
mux_input = 1
divider_ratio = 0.3992
offset_mv = 1648
calibration = 1:-3701, 36:-3654, 92:-3575, 158:-3475, 222:-3369, 3548:2377, 3652:2563, 3735:2723, 3818:2896, 3892:3064, 3949:3205, 4006:3359, 4044:3471, 4065:3537, 4090:3620

[cell 2]
mux_input = 2
divider_ratio = 0.4011
offset_mv = 1653
calibration = 1:-3696, 28:-3660, 91:-3572, 158:-3471, 224:-3362, 3549:2355, 3655:2544, 3734:2696, 3825:2885, 3892:3037, 3952:3185, 4004:3325, 4041:3433, 4066:3511, 4089:3587

[cell 3]
mux_input = 3
divider_ratio = 0.3987
offset_mv = 1646
calibration = 3:-3698, 32:-3659, 93:-3573, 162:-3468, 214:-3382, 3548:2385, 3654:2575, 3746:2754, 3820:2909, 3887:3061, 3949:3214, 3996:3340, 4034:3450, 4075:3579, 4091:3633

[cell 4]
mux_input = 4
divider_ratio = 0.4004
offset_mv = 1651
calibration = 6:-3691, 32:-3656, 87:-3579, 165:-3461, 217:-3375, 3553:2371, 3651:2546, 3738:2713, 3825:2895, 3891:3045, 3951:3193, 4003:3333, 4041:3444, 4070:3535, 4093:3612

[cell 5]
mux_input = 5
divider_ratio = 0.3996
offset_mv = 1649
calibration = 7:-3692, 30:-3661, 94:-3571, 158:-3474, 218:-3375, 3552:2379, 3645:2545, 3746:2740, 3826:2908, 3888:3049, 3952:3207, 3996:3325, 4043:3462, 4065:3531, 4088:3607

[temperature 0]
mux_input = 6
# counts : 0.1 degC (the NTC divider voltage rises with temperature)
calibration = 197:-200, 484:-100, 879:0, 1368:100, 1906:200, 2175:250, 2435:300, 2910:400, 3304:500, 3613:600, 3820:700, 3995:850

[module 0]
cells = 0, 1
adc_pin = 39                   # ADC1 channel 3
shunt_milliohm = 1000
amplifier_gain = 200
offset_mv = 1650
calibration = 3:-7392, 31:-7317, 95:-7137, 164:-6927, 223:-6731, 3558:4769, 3655:5117, 3737:5433, 3817:5766, 3884:6068, 3948:6382, 3997:6644, 4043:6912, 4070:7082, 4094:7243
switch_pin = 25
switch_active = high
switch_driver = pwm            # gate driver with a charge pump needs a running clock
switch_pwm_frequency_hz = 20000
setpoint = pwm
setpoint_pin = 4
setpoint_pwm_frequency_hz = 40000   # 10-bit LEDC at 40 kHz, 2-pole RC filter to the current sink

[module 1]
cells = 2, 3
adc_pin = 34                   # ADC1 channel 6
shunt_milliohm = 1000
amplifier_gain = 200
offset_mv = 1652
calibration = 3:-7402, 31:-7327, 95:-7147, 164:-6937, 223:-6741, 3558:4759, 3655:5107, 3737:5423, 3817:5756, 3884:6058, 3948:6372, 3997:6634, 4043:6902, 4070:7072, 4094:7233
switch_pin = 26
switch_active = high
switch_driver = pwm
switch_pwm_frequency_hz = 20000
setpoint = pwm
setpoint_pin = 13
setpoint_pwm_frequency_hz = 40000

[module 2]
cells = 4, 5
adc_pin = 35                   # ADC1 channel 7
shunt_milliohm = 1000
amplifier_gain = 200
offset_mv = 1648
calibration = 3:-7382, 31:-7307, 95:-7127, 164:-6917, 223:-6721, 3558:4779, 3655:5127, 3737:5443, 3817:5776, 3884:6078, 3948:6392, 3997:6654, 4043:6922, 4070:7092, 4094:7253
switch_pin = 27
switch_active = high
switch_driver = pwm
switch_pwm_frequency_hz = 20000
setpoint = pwm
setpoint_pin = 14
setpoint_pwm_frequency_hz = 40000

[safety]
# Straight part of the 200 V/A channel is about -6.7..+4.7 mA.
max_module_current_ma = 4
max_plating_current_ma = 2
cell_voltage_min_mv = -3000
cell_voltage_max_mv = 3000
temperature_max_c = 45.0       # NaK cells on NASICON run at room temperature; 45 degC means a fault

[cells]
# The pack's cells: NaK on NASICON, as in the seed experiments.
electrode_area_cm2 = 0.3848        # [W] 7 mm O-ring: pi x 0.35^2 cm2
nominal_resistance_ohm_cm2 = 170   # 150 electrolyte (1.5 mm NASICON) + 20 interface
";

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
