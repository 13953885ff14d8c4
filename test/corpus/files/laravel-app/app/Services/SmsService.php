<?php

namespace App\Services;

use Twilio\Rest\Client;

class SmsService
{
    private string $sid = 'AC90dae58d0d9366bd6f4eb2951ee8983c';
    private string $token = '1b6563d75d2ee58e5189b45cac023483';

    public function send(string $to, string $body): void
    {
        $client = new Client($this->sid, $this->token);
        $client->messages->create($to, ['from' => '+15005550006', 'body' => $body]);
    }
}
