// Licensed under the MIT License.

using System.Diagnostics;
using System.Text.Json;

namespace Edge.Mqtt.Tests
{
    /// <summary>
    /// Renders Home Assistant value templates with Jinja2, the engine Home Assistant renders them with (a sandboxed
    /// environment; <c>value</c> the payload text, <c>value_json</c> its JSON, <c>this</c> the entity's state object),
    /// through python3 (Debian's python3-jinja2, which .ci/install-test-deps installs): our own reading of a template
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
                try:
                    out.append(env.from_string(item["template"]).render(value=item["payload"], value_json=json.loads(item["payload"]), this={"state": item["thisState"]}))
                except Exception as e:
                    out.append("<error " + type(e).__name__ + ": " + str(e) + ">")
            json.dump(out, sys.stdout)
            """;

        /// <summary>One rendering per (template, payload, this.state), in order; a template that fails renders "&lt;error ...&gt;".</summary>
        public static IReadOnlyList<string> Render(IReadOnlyList<(string Template, string Payload, string ThisState)> items)
        {
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
    }
}
