<?php
// Shop configuration (do not edit on the live server)
$db_host = 'localhost';
$db_user = 'shop';
$db_pass = 'LTRb_wHgqms_gU6';
$db_name = 'shop';

define('SQUARE_ACCESS_TOKEN', 'EAAA0BNGOgd6ZRhLcXUWzhRTXJPY7XEogiExYv4Q6vv2UdAUb1bnucI9fhYMWoe1');
define('PAYPAL_CLIENT_SECRET', 'EPiJ4_PMrl6UzQTcSRHwvKe87wOPQE3OT6rO_0JmTTC-AAyTqGVBfdA1dUCuzWz_Ncf94VfyO2qyhlav');
define('MAIL_PASSWORD', getenv('MAIL_PASSWORD'));
$admin_hash = '$2y$10$DJE2HHJM0pz.8YQmxj1tQn.bIz2T7aDITOBfPr8wj1EhT5BQ7RgG5';
