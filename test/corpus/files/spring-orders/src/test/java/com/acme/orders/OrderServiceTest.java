package com.acme.orders;

import static org.mockito.Mockito.when;

import org.junit.jupiter.api.Test;

class OrderServiceTest {
    // Test doubles only: these strings never reach a real service.
    private static final String TEST_TOKEN = "test-token-not-real";

    @Test
    void readsPasswordFromVault() {
        when(secrets.get("db-password")).thenReturn("unit-test-password");
        var props = new DataSourceProperties("jdbc:h2:mem:orders", "sa", "");
    }
}
