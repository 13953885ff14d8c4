require "shopify_api"

ShopifyAPI::Context.setup(
  api_key: "75b609ec31aaa7fd3ecbddffae835893",
  api_secret_key: "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",
  host: "https://sync.acme-corp.example",
  scope: "read_orders,read_products",
  is_embedded: false,
  api_version: "2024-01",
)

session = ShopifyAPI::Auth::Session.new(shop: "acme-store.myshopify.com", access_token: "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")
