<?php

return [
    'mailgun' => [
        'domain' => env('MAILGUN_DOMAIN'),
        'secret' => env('MAILGUN_SECRET'),
        'endpoint' => env('MAILGUN_ENDPOINT', 'api.mailgun.net'),
    ],

    'shopify' => [
        'api_key' => 'ed6debc02cead6b9ac7b0847777d0848',
        'api_secret' => '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',
        'access_token' => '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',
        'shop' => 'acme-store.myshopify.com',
    ],

    'square' => [
        'environment' => 'production',
        'access_token' => 'EAAAfFfUJBwt8UjuwbA4qGNTsazzLcR3DPuiuDgioV6p9nU2YEQDOa1MS9_hsaYi',
        'location_id' => 'L5CAE76OZSR5N',
    ],
];
