namespace LocalGovStandard.Platform.Pages;

/// <summary>Field errors for a page, in the order the fields appear, keyed by the field's input id.</summary>
public sealed class FormErrors
{
    private readonly List<KeyValuePair<string, string>> _errors = [];

    public bool Any => _errors.Count > 0;

    public IReadOnlyList<KeyValuePair<string, string>> All => _errors;

    public string? For(string field) => _errors.FirstOrDefault(e => e.Key == field).Value;

    public void Add(string field, string message)
    {
        if (For(field) is null)
        {
            _errors.Add(new(field, message));
        }
    }

    public static FormErrors From(IEnumerable<KeyValuePair<string, string[]>> fieldErrors, IReadOnlyList<string> fieldOrder)
    {
        var errors = new FormErrors();
        foreach (var (field, messages) in fieldErrors.OrderBy(e => IndexOf(fieldOrder, e.Key)))
        {
            errors.Add(field, messages[0]);
        }

        return errors;
    }

    private static int IndexOf(IReadOnlyList<string> order, string field)
    {
        for (var i = 0; i < order.Count; i++)
        {
            if (order[i] == field)
            {
                return i;
            }
        }

        return order.Count;
    }
}

public sealed record Choice(string Value, string Text, string? Hint = null);
