package com.acme.orders.client;

public final class PayPalClient {
    private static final String CLIENT_ID = "AG21bM-vxMqntHaqoLk9QztyWGJMhlmZhpFzf6_8u06-WWYY5NFNNtZiL9YdKqppUkR9rOU9_IB3STFs";
    private static final String CLIENT_SECRET = "EMTuFeAX7SyMfuLcX0QwFi5tL706KOOiA1BN7lQmMj7rQJkiB2_PNSwxfqGotFQKMqBCrSEx88bUufDt";
    private static final String BASE_URL = "https://api-m.paypal.com";
}
