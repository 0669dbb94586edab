// The cold-start baseline of tools/LocalGovStandard.Bench: a bare minimal-API app, listening where the
// Functions host says (as the handler does), with one route in place of /api/health.
var builder = WebApplication.CreateSlimBuilder(args);
builder.WebHost.UseUrls($"http://127.0.0.1:{builder.Configuration["FUNCTIONS_CUSTOMHANDLER_PORT"] ?? "7072"}");
var app = builder.Build();
app.MapGet("/api/health", () => "healthy");
app.Run();
