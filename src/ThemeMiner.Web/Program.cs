using ThemeMiner.Web;

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseUrls(builder.Configuration["Urls"] ?? "http://127.0.0.1:5080");
builder.Services.AddRazorPages();
builder.Services.AddProblemDetails();
builder.Services.AddThemeMinerIndex(builder.Configuration);

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
app.Run();

/// <summary>Entry point marker for WebApplicationFactory tests.</summary>
public partial class Program;
