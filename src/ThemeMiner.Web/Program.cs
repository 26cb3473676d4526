using ThemeMiner.Web;

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseUrls(builder.Configuration["Urls"] ?? "http://127.0.0.1:5080");
builder.Services.AddRazorPages();
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi();
builder.Services.AddThemeMinerIndex(builder.Configuration);
// Uploads: the request body may be a little over the upload limit (form fields, multipart framing); the page checks the file itself.
var maxUploadBytes = (long)((builder.Configuration.GetValue<double?>("ThemeMiner:MaxUploadMb") ?? 50) * 1024 * 1024);
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = maxUploadBytes + 1024 * 1024);
builder.Services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(f => f.MultipartBodyLengthLimit = maxUploadBytes + 1024 * 1024);

var app = builder.Build();
app.UseExceptionHandler(app.Environment.IsDevelopment() ? "/Error" : "/Error");
app.UseStatusCodePages();
app.Use(async (context, next) =>
{
    var headers = context.Response.Headers;
    headers["X-Content-Type-Options"] = "nosniff";
    headers["Content-Security-Policy"] = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'";
    headers["Referrer-Policy"] = "no-referrer";
    await next();
});
app.UseStaticFiles();
app.UseRouting();
app.MapRazorPages();
app.MapThemeMinerApi();
app.MapOpenApi(); // /openapi/v1.json
app.Run();

/// <summary>Entry point marker for WebApplicationFactory tests.</summary>
public partial class Program;
