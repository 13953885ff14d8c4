using SendGrid;
using Stripe;

var builder = WebApplication.CreateBuilder(args);
StripeConfiguration.ApiKey = builder.Configuration["Stripe:SecretKey"];
builder.Services.AddSingleton<ISendGridClient>(new SendGridClient("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"));
var vaultToken = Environment.GetEnvironmentVariable("VAULT_TOKEN");

var app = builder.Build();
app.MapGet("/health", () => "ok");
app.Run();
