using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace LocalGovStandard.Tests.Infrastructure;

/// <summary>Assessment API calls with ETag handling, as a client that reads before it writes.</summary>
public static class AssessmentSteps
{
    public static object SelfDetails(string standardId, string serviceName = "Bin collections") => new
    {
        serviceName,
        serviceUrl = "https://www.example.gov.uk/bins",
        phase = "live",
        type = "self",
        standardId,
        assessmentDate = "2026-11-02",
    };

    public static async Task<(string Reference, string ETag)> CreateAsync(HttpClient client, object details)
    {
        var response = await client.PostAsJsonAsync("/api/assessments", details);
        if (response.StatusCode != System.Net.HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Create answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return (body["reference"]!.GetValue<string>(), response.Headers.ETag!.ToString());
    }

    public static async Task<(HttpResponseMessage Response, JsonNode? Body)> SendAsync(HttpClient client, HttpMethod method, string path, object? body, string? etag)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        }

        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    /// <summary>Rates every point (in order) and returns the latest ETag.</summary>
    public static async Task<string> RateAllAsync(HttpClient client, string reference, string etag, Func<int, string> ratingFor, int count)
    {
        for (var n = 1; n <= count; n++)
        {
            var (response, _) = await SendAsync(client, HttpMethod.Put, $"/api/assessments/{reference}/points/{n}", new { rating = ratingFor(n), notes = $"Evidence for point {n}" }, etag);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"Rating point {n} answered {(int)response.StatusCode}.");
            }

            etag = response.Headers.ETag!.ToString();
        }

        return etag;
    }

    public static async Task<JsonNode> SubmitAsync(HttpClient client, string reference, string etag, string? overallRating = null)
    {
        var (response, body) = await SendAsync(client, HttpMethod.Post, $"/api/assessments/{reference}/submit", new { overallRating }, etag);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Submit answered {(int)response.StatusCode}: {body}");
        }

        return body!;
    }

    /// <summary>Creates an assessment, rates each of its <paramref name="points"/> with <paramref name="ratingFor"/> and submits it.</summary>
    public static async Task<string> SubmittedAsync(HttpClient client, object details, Func<int, string> ratingFor, int points)
    {
        var (reference, etag) = await CreateAsync(client, details);
        etag = await RateAllAsync(client, reference, etag, ratingFor, points);
        await SubmitAsync(client, reference, etag);
        return reference;
    }

    public static async Task<JsonNode> ListAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonNode>("/api/assessments"))!;

    public static MediaTypeWithQualityHeaderValue Json => new("application/json");
}
