// Licensed under the MIT License.

using System;
using System.Device.Gpio;
using Edge.Core.Boards;
using nanoFramework.Hardware.Esp32;

namespace Edge.Firmware.Hardware
{
    /// <summary>Creates the load switch of every module as the board describes it (GPIO level or PWM clock).</summary>
    public static class LoadSwitchFactory
    {
        // LEDC has 16 channels on the ESP32 (8 high-speed + 8 low-speed); nanoFramework names them PWM1..PWM16.
        private static readonly DeviceFunction[] s_pwmFunctions = new DeviceFunction[]
        {
            DeviceFunction.PWM1, DeviceFunction.PWM2, DeviceFunction.PWM3, DeviceFunction.PWM4,
            DeviceFunction.PWM5, DeviceFunction.PWM6, DeviceFunction.PWM7, DeviceFunction.PWM8,
            DeviceFunction.PWM9, DeviceFunction.PWM10, DeviceFunction.PWM11, DeviceFunction.PWM12,
            DeviceFunction.PWM13, DeviceFunction.PWM14, DeviceFunction.PWM15, DeviceFunction.PWM16,
        };

        /// <summary>nanoFramework's pin function of LEDC channel <paramref name="channel"/> (1-16: PWM1..PWM16).</summary>
        public static DeviceFunction PwmFunction(int channel)
        {
            if (channel < 1 || channel > s_pwmFunctions.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(channel));
            }

            return s_pwmFunctions[channel - 1];
        }

        /// <summary>
        /// One open switch per module of <paramref name="board"/>, in module order. When one cannot be
        /// created, those already made are released (each driven open first) before the exception
        /// leaves, so that a retry can open the same pins again.
        /// </summary>
        public static ILoadSwitch[] Create(GpioController gpio, BoardDefinition board)
        {
            ILoadSwitch[] switches = new ILoadSwitch[board.ModuleCount];
            int created = 0;
            try
            {
                for (int m = 0; m < board.ModuleCount; m++)
                {
                    ModuleDefinition module = board.ModuleAt(m);
                    if (module.SwitchDriver == SwitchDriver.Pwm)
                    {
                        // On the LEDC channel the board names (the parser checked its timer partner), so that it
                        // cannot collide with a PWM setpoint's channel. Started at the open duty: the pin is driven
                        // inactive from the moment it is routed.
                        LedcPwmOutput output = new LedcPwmOutput(module.SwitchPin, PwmFunction(module.SwitchPwmChannel), module.SwitchPwmFrequencyHz, PwmLoadSwitch.OpenDutyCycle(module.SwitchPolarity));
                        switches[m] = new PwmLoadSwitch(output, module.SwitchPolarity);
                    }
                    else
                    {
                        switches[m] = new GpioLoadSwitch(gpio, module.SwitchPin, module.SwitchPolarity);
                    }

                    created++;
                }
            }
            catch (Exception)
            {
                for (int m = 0; m < created; m++)
                {
                    ((IDisposable)switches[m]).Dispose();
                }

                throw;
            }

            return switches;
        }
    }
}
