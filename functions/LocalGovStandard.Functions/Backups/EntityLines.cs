using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;

namespace LocalGovStandard.Backups;

/// <summary>
/// One table row as one JSON line, with every property's EDM type beside its value, so a restore
/// writes back exactly what was read: an Int64 stays an Int64, a DateTime keeps its ticks.
/// The ETag and Timestamp are the service's, and are not kept.
/// </summary>
/// <example>{"PartitionKey":"london","RowKey":"E09000007","Properties":{"VerifiedContacts":{"Type":"Edm.Int32","Value":"2"}}}</example>
public static class EntityLines
{
    public static void Write(Utf8JsonWriter json, TableEntity entity)
    {
        json.WriteStartObject();
        json.WriteString("PartitionKey", entity.PartitionKey);
        json.WriteString("RowKey", entity.RowKey);
        json.WriteStartObject("Properties");
        foreach (var (name, value) in entity.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (name is "PartitionKey" or "RowKey" or "Timestamp" || name.StartsWith("odata.", StringComparison.Ordinal) || value is null)
            {
                continue;
            }

            var (type, text) = Describe(name, value);
            json.WriteStartObject(name);
            json.WriteString("Type", type);
            json.WriteString("Value", text);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <exception cref="FormatException">The line is not a row written by <see cref="Write"/>.</exception>
    public static TableEntity Read(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var entity = new TableEntity(root.GetProperty("PartitionKey").GetString(), root.GetProperty("RowKey").GetString());
            foreach (var property in root.GetProperty("Properties").EnumerateObject())
            {
                entity[property.Name] = Parse(property.Value.GetProperty("Type").GetString(), property.Value.GetProperty("Value").GetString() ?? "");
            }

            return entity;
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or OverflowException or FormatException)
        {
            throw new FormatException($"not a table row ({exception.Message})", exception);
        }
    }

    private static (string Type, string Value) Describe(string name, object value) => value switch
    {
        string text => ("Edm.String", text),
        bool flag => ("Edm.Boolean", flag ? "true" : "false"),
        int number => ("Edm.Int32", number.ToString(CultureInfo.InvariantCulture)),
        long number => ("Edm.Int64", number.ToString(CultureInfo.InvariantCulture)),
        double number => ("Edm.Double", number.ToString("R", CultureInfo.InvariantCulture)),
        DateTimeOffset instant => ("Edm.DateTime", instant.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)),
        DateTime instant => ("Edm.DateTime", instant.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)),
        Guid id => ("Edm.Guid", id.ToString("D")),
        byte[] bytes => ("Edm.Binary", Convert.ToBase64String(bytes)),
        BinaryData bytes => ("Edm.Binary", Convert.ToBase64String(bytes.ToArray())),
        _ => throw new NotSupportedException($"Property {name} has a type Table Storage does not store: {value.GetType().Name}."),
    };

    private static object Parse(string? type, string value) => type switch
    {
        "Edm.String" => value,
        "Edm.Boolean" => bool.Parse(value),
        "Edm.Int32" => int.Parse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
        "Edm.Int64" => long.Parse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
        "Edm.Double" => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture),
        "Edm.DateTime" => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        "Edm.Guid" => Guid.ParseExact(value, "D"),
        "Edm.Binary" => Convert.FromBase64String(value),
        _ => throw new FormatException($"unknown EDM type '{type}'"),
    };
}
