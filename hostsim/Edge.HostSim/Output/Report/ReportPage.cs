// Licensed under the MIT License.

using System.Reflection;
using System.Text;
using System.Text.Json;

namespace Edge.HostSim.Output.Report;

/// <summary>
/// Writes a self-contained report.html: the page's script, style and data are inlined (no CDN, no
/// other file), so it opens offline and can be mailed as one file. The data travel as JSON in a
/// script element of type application/json; System.Text.Json escapes &lt; and &gt;, so no value can end
/// that element, and the page inserts every value as text.
/// </summary>
public static class ReportPage
{
    public const string FileName = "report.html";

    /// <summary>
    /// Writes the page. <paramref name="dataFiles"/> says where the same numbers are without a script ("the summary is
    /// in summary.json"), in the page's noscript text: the files of the kind of output that wrote the page.
    /// </summary>
    public static void Write(string path, ReportData data, string dataFiles)
    {
        string json = JsonSerializer.Serialize(data, OutputJson.Compact);
        StringBuilder html = new StringBuilder();
        html.Append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append("<title>").Append(System.Net.WebUtility.HtmlEncode(data.Title)).Append("</title>\n<style>\n");
        html.Append(Resource("report.css"));
        html.Append("</style>\n</head>\n<body>\n<main id=\"report\"><noscript>This report draws its charts with JavaScript; ")
            .Append(System.Net.WebUtility.HtmlEncode(dataFiles)).Append(".</noscript></main>\n");
        html.Append("<script type=\"application/json\" id=\"report-data\">").Append(json).Append("</script>\n<script>\n");
        html.Append(Resource("report.js"));
        html.Append("</script>\n</body>\n</html>\n");
        File.WriteAllText(path, html.ToString(), new UTF8Encoding(false));
    }

    private static string Resource(string name)
    {
        using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Edge.HostSim.Output.Report." + name)
            ?? throw new InvalidOperationException("embedded " + name + " missing");
        using StreamReader reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
