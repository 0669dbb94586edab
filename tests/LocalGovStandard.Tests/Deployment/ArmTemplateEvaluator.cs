using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace LocalGovStandard.Tests.Deployment;

/// <summary>A resource the template would deploy, with every expression it could evaluate replaced by its value.</summary>
public sealed record ArmResource(string Type, string Name, string? Scope, string Module, JsonObject Body)
{
    public JsonNode? Properties => Body["properties"];
}

/// <summary>
/// Evaluates a compiled ARM template (what <c>bicep build</c> writes) for given parameter values, far
/// enough to assert on what it would deploy. Expressions that depend on parameters, variables and
/// module outputs become values; nested module deployments are walked. What only Azure knows at
/// deployment time (<c>reference()</c> to a real resource, so a principal id or a host name) stays
/// opaque, as a string in ‹…› that names where it comes from, so it can still be compared and traced.
/// </summary>
public sealed partial class ArmTemplateEvaluator
{
    public const string SubscriptionId = "00000000-0000-0000-0000-000000000001";
    public const string TenantId = "00000000-0000-0000-0000-0000000000aa";
    public const string ResourceGroupName = "rg-lgs-test";
    public static readonly string ResourceGroupId = $"/subscriptions/{SubscriptionId}/resourceGroups/{ResourceGroupName}";

    private readonly List<ArmResource> _resources = [];
    private readonly Dictionary<string, JsonObject> _moduleOutputs = new(StringComparer.OrdinalIgnoreCase);

    private ArmTemplateEvaluator()
    {
    }

    public IReadOnlyList<ArmResource> Resources => _resources;

    /// <summary>The top-level template's outputs, evaluated.</summary>
    public JsonObject Outputs { get; private set; } = [];

    /// <summary>Each module's outputs by deployment name.</summary>
    public IReadOnlyDictionary<string, JsonObject> ModuleOutputs => _moduleOutputs;

    public static ArmTemplateEvaluator Evaluate(JsonObject template, IReadOnlyDictionary<string, JsonNode?> parameters)
    {
        var evaluator = new ArmTemplateEvaluator();
        evaluator.Outputs = evaluator.Deploy(template, parameters, "main");
        return evaluator;
    }

    public static bool IsUnknown(string? value) => value is not null && value.StartsWith('‹') && value.EndsWith('›');

    private JsonObject Deploy(JsonObject template, IReadOnlyDictionary<string, JsonNode?> parameters, string module)
    {
        var scope = new Scope(this, template, module);
        foreach (var (name, definition) in template["parameters"]?.AsObject() ?? [])
        {
            scope.Parameters[name] = parameters.TryGetValue(name, out var given)
                ? given?.DeepClone()
                : definition?["defaultValue"] is { } defaultValue
                    ? scope.EvaluateNode(defaultValue)
                    : throw new InvalidOperationException($"{module}: parameter '{name}' has no value and no default.");
        }

        foreach (var resource in EnumerateResources(template))
        {
            if (resource["existing"]?.GetValue<bool>() == true)
            {
                continue;
            }

            if (resource["copy"] is JsonObject copy)
            {
                var loop = copy["name"]!.GetValue<string>();
                var count = AsLong(scope.EvaluateNode(copy["count"]));
                for (var index = 0; index < count; index++)
                {
                    scope.CopyIndexes[loop] = index;
                    DeployResource(scope, resource, module);
                }

                scope.CopyIndexes.Remove(loop);
            }
            else
            {
                DeployResource(scope, resource, module);
            }
        }

        var outputs = new JsonObject();
        foreach (var (name, output) in template["outputs"]?.AsObject() ?? [])
        {
            outputs[name] = scope.EvaluateNode(output!["value"]);
        }

        return outputs;
    }

    private static IEnumerable<JsonObject> EnumerateResources(JsonObject template) => template["resources"] switch
    {
        JsonArray array => array.Select(r => r!.AsObject()),
        JsonObject symbolic => symbolic.Select(pair => pair.Value!.AsObject()),
        _ => [],
    };

    private void DeployResource(Scope scope, JsonObject resource, string module)
    {
        if (resource["condition"] is { } condition && !AsBool(scope.EvaluateNode(condition)))
        {
            return;
        }

        var type = resource["type"]!.GetValue<string>();
        var name = AsString(scope.EvaluateNode(resource["name"]));
        if (string.Equals(type, "Microsoft.Resources/deployments", StringComparison.OrdinalIgnoreCase))
        {
            DeployModule(scope, resource, name);
            _resources.Add(new ArmResource(type, name, null, module, []));
            return;
        }

        var body = new JsonObject();
        foreach (var (key, value) in resource)
        {
            if (key is not ("copy" or "condition" or "dependsOn" or "existing"))
            {
                body[key] = scope.EvaluateNode(value);
            }
        }

        _resources.Add(new ArmResource(type, name, body["scope"]?.GetValue<string>(), module, body));
    }

    private void DeployModule(Scope scope, JsonObject deployment, string name)
    {
        if (_moduleOutputs.ContainsKey(name))
        {
            return;
        }

        var properties = deployment["properties"]!;
        var parameters = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (parameter, value) in properties["parameters"]?.AsObject() ?? [])
        {
            // Usually {"value": ...}; Bicep compiles a conditional module parameter to one expression that yields that object.
            parameters[parameter] = Member(scope.EvaluateNode(value), "value");
        }

        _moduleOutputs[name] = [];
        _moduleOutputs[name] = Deploy(properties["template"]!.AsObject(), parameters, name);
    }

    /// <summary>A module's outputs, deploying it first if an earlier resource refers to it.</summary>
    private JsonObject? ModuleOutputsFor(Scope scope, string deploymentName)
    {
        if (!_moduleOutputs.TryGetValue(deploymentName, out var outputs))
        {
            var module = EnumerateResources(scope.Template).FirstOrDefault(r =>
                string.Equals(r["type"]?.GetValue<string>(), "Microsoft.Resources/deployments", StringComparison.OrdinalIgnoreCase)
                && string.Equals(AsString(scope.EvaluateNode(r["name"])), deploymentName, StringComparison.OrdinalIgnoreCase));
            if (module is null)
            {
                return null;
            }

            DeployModule(scope, module, deploymentName);
            outputs = _moduleOutputs[deploymentName];
        }

        var wrapped = new JsonObject();
        foreach (var (key, value) in outputs)
        {
            wrapped[key] = new JsonObject { ["value"] = value?.DeepClone() };
        }

        return new JsonObject { ["outputs"] = wrapped };
    }

    private static string AsString(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text)
        ? text
        : throw new InvalidOperationException($"Expected a string, got {node?.ToJsonString() ?? "null"}.");

    private static bool AsBool(JsonNode? node) => node is JsonValue value && value.TryGetValue<bool>(out var flag)
        ? flag
        : throw new InvalidOperationException($"Expected a known bool, got {node?.ToJsonString() ?? "null"}.");

    private static long AsLong(JsonNode? node) => node is JsonValue value && value.TryGetValue<long>(out var number)
        ? number
        : node is JsonValue other && other.TryGetValue<int>(out var small)
            ? small
            : throw new InvalidOperationException($"Expected a number, got {node?.ToJsonString() ?? "null"}.");

    private static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag ? "True" : "False",
        _ => node.ToJsonString(),
    };

    private static string Hash(IEnumerable<JsonNode?> values, int length)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('|', values.Select(Text))));
        const string alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        return string.Concat(bytes.Take(length).Select(b => alphabet[b % alphabet.Length]));
    }

    private static JsonNode? Member(JsonNode? target, string name) => target switch
    {
        JsonObject obj => obj.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.DeepClone(),
        JsonValue value when value.TryGetValue<string>(out var text) && IsUnknown(text) => $"{text[..^1]}.{name}›",
        _ => throw new InvalidOperationException($"Cannot read '.{name}' of {target?.ToJsonString() ?? "null"}."),
    };

    private sealed class Scope(ArmTemplateEvaluator evaluator, JsonObject template, string module)
    {
        private readonly Dictionary<string, JsonNode?> _variables = new(StringComparer.OrdinalIgnoreCase);

        public JsonObject Template => template;

        public Dictionary<string, JsonNode?> Parameters { get; } = new(StringComparer.OrdinalIgnoreCase);

        public Dictionary<string, int> CopyIndexes { get; } = new(StringComparer.OrdinalIgnoreCase);

        public JsonNode? EvaluateNode(JsonNode? node) => node switch
        {
            null => null,
            JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, EvaluateNode(p.Value)))),
            JsonArray array => new JsonArray([.. array.Select(EvaluateNode)]),
            JsonValue value when value.TryGetValue<string>(out var text) => EvaluateString(text),
            _ => node.DeepClone(),
        };

        private JsonNode? EvaluateString(string text)
        {
            if (text.StartsWith("[[", StringComparison.Ordinal))
            {
                return text[1..];
            }

            return text.StartsWith('[') && text.EndsWith(']')
                ? Evaluate(new ExpressionParser(text[1..^1]).ParseAll())
                : text;
        }

        private JsonNode? Evaluate(Expression expression) => expression switch
        {
            Literal literal => literal.Value?.DeepClone(),
            MemberAccess access => Member(Evaluate(access.Target), access.Name),
            IndexAccess access => Index(Evaluate(access.Target), Evaluate(access.Key)),
            Call call => Call(call),
            _ => throw new NotSupportedException(expression.ToString()),
        };

        private static JsonNode? Index(JsonNode? target, JsonNode? key) => target switch
        {
            JsonArray array => array[(int)AsLong(key)]?.DeepClone(),
            _ => Member(target, AsString(key)),
        };

        private JsonNode? Call(Call call)
        {
            var name = call.Name.ToLowerInvariant();
            switch (name)
            {
                case "if":
                    return AsBool(Evaluate(call.Arguments[0])) ? Evaluate(call.Arguments[1]) : Evaluate(call.Arguments[2]);
                case "and":
                    return call.Arguments.All(a => AsBool(Evaluate(a)));
                case "or":
                    return call.Arguments.Any(a => AsBool(Evaluate(a)));
                default:
                    break;
            }

            var args = call.Arguments.Select(Evaluate).ToList();
            return name switch
            {
                "parameters" => Parameters.TryGetValue(AsString(args[0]), out var parameter)
                    ? parameter?.DeepClone()
                    : throw new InvalidOperationException($"{module}: unknown parameter {args[0]}"),
                "variables" => Variable(AsString(args[0])),
                "format" => Format(AsString(args[0]), args.Skip(1).ToList()),
                "concat" => args.All(a => a is JsonArray)
                    ? new JsonArray([.. args.SelectMany(a => a!.AsArray().Select(x => x?.DeepClone()))])
                    : string.Concat(args.Select(Text)),
                "createobject" => CreateObject(args),
                "createarray" => new JsonArray([.. args]),
                "union" => Union(args),
                "equals" => JsonNode.DeepEquals(args[0], args[1]),
                "not" => !AsBool(args[0]),
                "empty" => args[0] switch
                {
                    null => true,
                    JsonObject obj => obj.Count == 0,
                    JsonArray array => array.Count == 0,
                    _ => Text(args[0]).Length == 0,
                },
                "length" => (long)(args[0] switch
                {
                    JsonObject obj => obj.Count,
                    JsonArray array => array.Count,
                    _ => Text(args[0]).Length,
                }),
                "contains" => args[0] switch
                {
                    JsonObject obj => obj.ContainsKey(AsString(args[1])),
                    JsonArray array => array.Any(item => JsonNode.DeepEquals(item, args[1])),
                    _ => Text(args[0]).Contains(Text(args[1]), StringComparison.OrdinalIgnoreCase),
                },
                "coalesce" => args.FirstOrDefault(a => a is not null)?.DeepClone(),
                "min" => args.Min(AsLong),
                "max" => args.Max(AsLong),
                "tolower" => Text(args[0]).ToLowerInvariant(),
                "toupper" => Text(args[0]).ToUpperInvariant(),
                "string" => Text(args[0]),
                "int" => long.Parse(Text(args[0]), CultureInfo.InvariantCulture),
                "take" => Text(args[0])[..(int)Math.Min(AsLong(args[1]), Text(args[0]).Length)],
                "null" => null,
                "true" => true,
                "false" => false,
                "copyindex" => CopyIndex(args),
                "uniquestring" => Hash(args, 13),
                "guid" => new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('|', args.Select(Text))))[..16]).ToString(),
                "subscription" => new JsonObject
                {
                    ["id"] = $"/subscriptions/{SubscriptionId}",
                    ["subscriptionId"] = SubscriptionId,
                    ["tenantId"] = TenantId,
                },
                "resourcegroup" => new JsonObject
                {
                    ["id"] = ResourceGroupId,
                    ["name"] = ResourceGroupName,
                    ["location"] = "uksouth",
                },
                "tenant" => new JsonObject { ["tenantId"] = TenantId },
                "deployment" => new JsonObject { ["name"] = module },
                "resourceid" => ResourceId(ResourceGroupId, args),
                "subscriptionresourceid" => ResourceId($"/subscriptions/{SubscriptionId}", args),
                "reference" => Reference(args),
                _ => throw new NotSupportedException($"{module}: ARM function {call.Name}() is not evaluated by this test helper."),
            };
        }

        private JsonNode? Variable(string name)
        {
            if (!_variables.TryGetValue(name, out var value))
            {
                var definition = template["variables"]?[name] ?? throw new InvalidOperationException($"{module}: unknown variable {name}");
                value = EvaluateNode(definition);
                _variables[name] = value;
            }

            return value?.DeepClone();
        }

        private JsonNode? CopyIndex(List<JsonNode?> args)
        {
            var loop = args.Count > 0 && args[0] is JsonValue first && first.TryGetValue<string>(out var loopName) ? loopName : null;
            var offset = args.LastOrDefault() is JsonValue last && last.TryGetValue<long>(out var number) ? number : 0;
            var index = loop is null ? CopyIndexes.Values.Single() : CopyIndexes[loop];
            return index + offset;
        }

        private JsonNode? Reference(List<JsonNode?> args)
        {
            var target = Text(args[0]);
            var deploymentName = target.Contains("/providers/Microsoft.Resources/deployments/", StringComparison.OrdinalIgnoreCase)
                ? target[(target.LastIndexOf('/') + 1)..]
                : target;
            return evaluator.ModuleOutputsFor(this, deploymentName) ?? (JsonNode)$"‹reference({target})›";
        }

        private static string Format(string format, List<JsonNode?> args) =>
            FormatItem().Replace(format.Replace("{{", "\u0001", StringComparison.Ordinal).Replace("}}", "\u0002", StringComparison.Ordinal),
                match => Text(args[int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)]))
            .Replace('\u0001', '{').Replace('\u0002', '}');

        private static JsonObject CreateObject(List<JsonNode?> args)
        {
            var result = new JsonObject();
            for (var i = 0; i < args.Count; i += 2)
            {
                result[AsString(args[i])] = args[i + 1]?.DeepClone();
            }

            return result;
        }

        private static JsonNode Union(List<JsonNode?> args)
        {
            if (args.All(a => a is JsonArray))
            {
                var items = new JsonArray();
                foreach (var item in args.SelectMany(a => a!.AsArray()))
                {
                    if (!items.Any(existing => JsonNode.DeepEquals(existing, item)))
                    {
                        items.Add(item?.DeepClone());
                    }
                }

                return items;
            }

            var result = new JsonObject();
            foreach (var obj in args.Select(a => a as JsonObject ?? throw new InvalidOperationException("union() of an object and a non-object")))
            {
                foreach (var (key, value) in obj)
                {
                    result[key] = result[key] is JsonObject left && value is JsonObject right
                        ? Union([left, right])
                        : value?.DeepClone();
                }
            }

            return result;
        }

        /// <summary>resourceId([subscriptionId], [resourceGroupName], type, name1, name2...) under the given parent.</summary>
        private static string ResourceId(string parent, List<JsonNode?> args)
        {
            var typeIndex = args.FindIndex(a => Text(a).Contains('/', StringComparison.Ordinal));
            var typeSegments = Text(args[typeIndex]).Split('/');
            var names = args.Skip(typeIndex + 1).Select(Text).ToList();
            var path = new StringBuilder($"{parent}/providers/{typeSegments[0]}");
            for (var i = 1; i < typeSegments.Length; i++)
            {
                path.Append('/').Append(typeSegments[i]).Append('/').Append(names[i - 1]);
            }

            return path.ToString();
        }
    }

    [GeneratedRegex(@"\{(\d+)(?::[^}]*)?\}")]
    private static partial Regex FormatItem();

    private abstract record Expression;

    private sealed record Literal(JsonNode? Value) : Expression;

    private sealed record Call(string Name, IReadOnlyList<Expression> Arguments) : Expression;

    private sealed record MemberAccess(Expression Target, string Name) : Expression;

    private sealed record IndexAccess(Expression Target, Expression Key) : Expression;

    /// <summary>ARM template expression grammar: calls, 'strings', numbers, .member and [index] access.</summary>
    private sealed class ExpressionParser(string text)
    {
        private int _position;

        public Expression ParseAll()
        {
            var expression = Parse();
            SkipSpaces();
            return _position == text.Length ? expression : throw Error("end of expression");
        }

        private Expression Parse()
        {
            var expression = ParsePrimary();
            while (true)
            {
                SkipSpaces();
                if (TryTake('.'))
                {
                    expression = new MemberAccess(expression, ReadIdentifier());
                }
                else if (TryTake('['))
                {
                    var key = Parse();
                    Expect(']');
                    expression = new IndexAccess(expression, key);
                }
                else
                {
                    return expression;
                }
            }
        }

        private Expression ParsePrimary()
        {
            SkipSpaces();
            if (TryTake('\''))
            {
                var literal = new StringBuilder();
                while (true)
                {
                    if (_position >= text.Length)
                    {
                        throw Error("closing quote");
                    }

                    var c = text[_position++];
                    if (c == '\'')
                    {
                        if (_position < text.Length && text[_position] == '\'')
                        {
                            literal.Append('\'');
                            _position++;
                            continue;
                        }

                        return new Literal(literal.ToString());
                    }

                    literal.Append(c);
                }
            }

            if (_position < text.Length && (char.IsAsciiDigit(text[_position]) || text[_position] == '-'))
            {
                var start = _position++;
                while (_position < text.Length && char.IsAsciiDigit(text[_position]))
                {
                    _position++;
                }

                return new Literal(long.Parse(text[start.._position], CultureInfo.InvariantCulture));
            }

            var name = ReadIdentifier();
            Expect('(');
            var arguments = new List<Expression>();
            SkipSpaces();
            if (!TryTake(')'))
            {
                do
                {
                    arguments.Add(Parse());
                    SkipSpaces();
                }
                while (TryTake(','));
                Expect(')');
            }

            return new Call(name, arguments);
        }

        private string ReadIdentifier()
        {
            SkipSpaces();
            var start = _position;
            while (_position < text.Length && (char.IsAsciiLetterOrDigit(text[_position]) || text[_position] is '_' or '$'))
            {
                _position++;
            }

            return _position > start ? text[start.._position] : throw Error("identifier");
        }

        private bool TryTake(char c)
        {
            SkipSpaces();
            if (_position < text.Length && text[_position] == c)
            {
                _position++;
                return true;
            }

            return false;
        }

        private void Expect(char c)
        {
            if (!TryTake(c))
            {
                throw Error($"'{c}'");
            }
        }

        private void SkipSpaces()
        {
            while (_position < text.Length && text[_position] == ' ')
            {
                _position++;
            }
        }

        private FormatException Error(string expected) => new($"Expected {expected} at {_position} in ARM expression: {text}");
    }
}
