<?php

namespace App\Http\Controllers;

use Illuminate\Http\Request;

class ShopifyWebhookController extends Controller
{
    public function __invoke(Request $request)
    {
        $secret = config('services.shopify.api_secret');
        $hmac = base64_encode(hash_hmac('sha256', $request->getContent(), $secret, true));
        abort_unless(hash_equals($hmac, (string) $request->header('X-Shopify-Hmac-Sha256')), 401);
        return response()->noContent();
    }
}
