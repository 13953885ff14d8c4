package com.acme.orders.config;

import com.braintreegateway.BraintreeGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class PaymentConfig {

    // PayPal via Braintree SDK, production access token
    private static final String BRAINTREE_ACCESS_TOKEN = "access_token$production$xfm402w2rqqlfv3s$308fcf127feafbf7afe379478b295701";

    @Value("${stripe.secret-key}")
    private String stripeSecretKey;

    @Bean
    public BraintreeGateway braintreeGateway() {
        return new BraintreeGateway(BRAINTREE_ACCESS_TOKEN);
    }
}
