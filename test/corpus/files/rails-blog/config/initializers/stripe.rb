Rails.configuration.stripe = {
  publishable_key: ENV['STRIPE_PUBLISHABLE_KEY'],
  secret_key:      ENV['STRIPE_SECRET_KEY']
}

# TODO: move back to ENV once the billing migration is done
Stripe.api_key = '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'
