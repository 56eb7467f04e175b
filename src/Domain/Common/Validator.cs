namespace SupportFunctions.Domain.Common;

/// <summary>Collects field errors so a request is refused once with every problem listed.</summary>
public sealed class Validator
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public Validator Required(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "Required.");
        }
        return this;
    }

    public Validator MaxLength(string field, string? value, int max)
    {
        if (value is not null && value.Length > max)
        {
            Add(field, $"At most {max} characters.");
        }
        return this;
    }

    /// <summary>Refuses text with characters nobody sees (controls, direction overrides, zero-width): a name must read as what it is.</summary>
    public Validator VisibleText(string field, string? value) =>
        Check(value is null || !LookAlikes.HasInvisible(value), field, "Remove control and invisible characters (such as direction overrides).");

    public Validator Check(bool condition, string field, string message)
    {
        if (!condition)
        {
            Add(field, message);
        }
        return this;
    }

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }
        messages.Add(message);
    }

    public bool IsValid => _errors.Count == 0;

    public void ThrowIfInvalid()
    {
        if (!IsValid)
        {
            throw DomainException.Validation(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
        }
    }
}
