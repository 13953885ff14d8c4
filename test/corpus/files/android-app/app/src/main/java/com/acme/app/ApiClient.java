package com.acme.app;

import okhttp3.OkHttpClient;
import okhttp3.Request;

public final class ApiClient {
    private static final String BASE_URL = "https://api.acme-corp.example";
    private static final String API_KEY = "nL6GY0XayNnxmx63u7BXvF7cuAlm8poGlihUlKMb";
    private static final String API_KEY_HEADER = "X-Api-Key";
    private final String userToken = BuildConfig.USER_TOKEN;

    public Request get(String path) {
        return new Request.Builder().url(BASE_URL + path).header(API_KEY_HEADER, API_KEY).build();
    }
}
