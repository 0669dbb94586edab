using System.Net.Http.Json;

namespace LocalGovStandard.Tests.SupportNeeds;

/// <summary>Answer sets for the 15 LGDSS points, built from a few exceptions to "understood well, no support needed".</summary>
public static class SupportNeedSteps
{
    public const int Points = 15;

    public static object Body(params (int Point, string Understanding, string Support)[] exceptions) => new
    {
        points = Enumerable.Range(1, Points).Select(point =>
        {
            var (understanding, support) = AnswerFor(point, exceptions);
            return new { point, understanding, support };
        }).ToArray(),
    };

    public static async Task PutOkAsync(HttpClient client, params (int Point, string Understanding, string Support)[] exceptions)
    {
        using var response = await client.PutAsJsonAsync("/api/support-needs", Body(exceptions));
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The page's form fields for an answer set.</summary>
    public static Dictionary<string, string> Form(params (int Point, string Understanding, string Support)[] exceptions)
    {
        var fields = new Dictionary<string, string>();
        for (var point = 1; point <= Points; point++)
        {
            var (understanding, support) = AnswerFor(point, exceptions);
            fields[$"understanding-{point}"] = understanding;
            fields[$"support-{point}"] = support;
        }

        return fields;
    }

    /// <summary>A point's answer: the exception given for it, else understood well with no support needed.</summary>
    public static (string Understanding, string Support) AnswerFor(int point, (int Point, string Understanding, string Support)[] exceptions)
    {
        foreach (var exception in exceptions)
        {
            if (exception.Point == point)
            {
                return (exception.Understanding, exception.Support);
            }
        }

        return ("well", "none");
    }
}
