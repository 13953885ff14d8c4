package com.acme.orders.notify;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

public final class SlackNotifier {
    private static final String WEBHOOK = "https://hooks.slack.com/services/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";
    private final String botToken = System.getenv("SLACK_BOT_TOKEN");
    private final HttpClient http = HttpClient.newHttpClient();

    public void post(String text) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(WEBHOOK))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"" + text + "\"}"))
            .build();
        http.send(request, HttpResponse.BodyHandlers.discarding());
    }
}
