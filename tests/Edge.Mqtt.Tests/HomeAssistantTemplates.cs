// Licensed under the MIT License.

using System.Diagnostics;
using System.Text.Json;

namespace Edge.Mqtt.Tests
{
    /// <summary>
    /// Renders Home Assistant value templates with Jinja2, the engine Home Assistant renders them with (a sandboxed
    /// environment; <c>value</c> the payload text, <c>value_json</c> its JSON, left undefined for a payload that is no JSON
    /// (an empty retained message) as Home Assistant leaves it, <c>this</c> the entity's state object),
    /// through python3 (Debian's python3-jinja2, which .ci/install-test-deps installs, and this class too when it runs as root): our own reading of a template
    /// would only repeat what we meant it to say.
    /// </summary>
    public static class HomeAssistantTemplates
    {
        private const string Renderer = """
            import json, sys
            from jinja2.sandbox import ImmutableSandboxedEnvironment
            env = ImmutableSandboxedEnvironment()
            out = []
            for item in json.load(sys.stdin):
                variables = {"value": item["payload"], "this": {"state": item["thisState"]}}
                try:
                    variables["value_json"] = json.loads(item["payload"])
                except ValueError:
                    pass
                try:
                    out.append(env.from_string(item["template"]).render(**variables))
                except Exception as e:
                    out.append("<error " + type(e).__name__ + ": " + str(e) + ">")
            json.dump(out, sys.stdout)
            """;

        private static readonly Lazy<bool> s_installed = new Lazy<bool>(EnsureJinja2);

        /// <summary>One rendering per (template, payload, this.state), in order; a template that fails renders "&lt;error ...&gt;".</summary>
        public static IReadOnlyList<string> Render(IReadOnlyList<(string Template, string Payload, string ThisState)> items)
        {
            _ = s_installed.Value;
            ProcessStartInfo start = new ProcessStartInfo("python3") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(Renderer);
            using Process python = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
            Task<string> output = python.StandardOutput.ReadToEndAsync();
            Task<string> errors = python.StandardError.ReadToEndAsync();
            python.StandardInput.Write(JsonSerializer.Serialize(items.Select(i => new { template = i.Template, payload = i.Payload, thisState = i.ThisState })));
            python.StandardInput.Close();
            if (!python.WaitForExit(60_000))
            {
                python.Kill();
                throw new TimeoutException("python3 rendering the templates did not finish in 60 s");
            }

            if (python.ExitCode != 0)
            {
                throw new InvalidOperationException("python3 with jinja2 failed (python3-jinja2 installed? .ci/install-test-deps installs it): " + errors.Result);
            }

            return JsonSerializer.Deserialize<List<string>>(output.Result) ?? throw new InvalidOperationException("python3 printed no renderings");
        }

        /// <summary>
        /// As the broker and browser fixtures do: a machine without Jinja2 gets Debian's packages when the tests run as root,
        /// else the failure says what to install.
        /// </summary>
        private static bool EnsureJinja2()
        {
            if (Succeeds("python3", "-c \"import jinja2\"", out _))
            {
                return true;
            }

            if (Environment.UserName != "root")
            {
                throw new InvalidOperationException("Jinja2 for python3 is missing: apt-get install -y --no-install-recommends python3 python3-jinja2 (or run .ci/install-test-deps)");
            }

            if (!Succeeds("sh", "-c \"apt-get update -qq && apt-get install -y -qq --no-install-recommends python3 python3-jinja2\"", out string output))
            {
                throw new InvalidOperationException("apt-get install python3 python3-jinja2 failed: " + output);
            }

            return true;
        }

        private static bool Succeeds(string program, string arguments, out string output)
        {
            output = string.Empty;
            ProcessStartInfo start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
            Process? process;
            try
            {
                process = Process.Start(start);
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                // No python3 at all.
                output = e.Message;
                return false;
            }

            using (process)
            {
                if (process == null)
                {
                    return false;
                }

                Task<string> stdout = process.StandardOutput.ReadToEndAsync();
                Task<string> stderr = process.StandardError.ReadToEndAsync();
                if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
                {
                    process.Kill();
                    output = "timed out";
                    return false;
                }

                output = stdout.Result + stderr.Result;
                return process.ExitCode == 0;
            }
        }
    }
}
