using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TriggerFlow.Language.Diagnostics;

/// <summary>Diagnostics as a JSON array, for editors and scripts.</summary>
internal static class JsonReport
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,

        // Backticks and quotes stay readable; control characters are still escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Render(IEnumerable<Diagnostic> diagnostics, Func<string, string?> textOf)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartArray();
            foreach (var diagnostic in diagnostics)
            {
                Write(json, diagnostic, SourceLocation.Of(diagnostic, textOf(diagnostic.Path)));
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter json, Diagnostic diagnostic, SourceLocation location)
    {
        json.WriteStartObject();
        json.WriteString("code", diagnostic.Code);
        json.WriteString("severity", diagnostic.IsError ? "error" : "warning");
        json.WriteString("title", diagnostic.Descriptor.Title);
        json.WriteString("message", diagnostic.Message);
        json.WriteString("file", diagnostic.Path);
        json.WriteNumber("line", location.Line);
        json.WriteNumber("column", location.Column);
        json.WriteNumber("endLine", location.EndLine);
        json.WriteNumber("endColumn", location.EndColumn);
        if (diagnostic.Hint is null)
        {
            json.WriteNull("hint");
        }
        else
        {
            json.WriteString("hint", diagnostic.Hint);
        }

        json.WriteString("helpLink", diagnostic.Descriptor.HelpLink);
        json.WriteEndObject();
    }
}
