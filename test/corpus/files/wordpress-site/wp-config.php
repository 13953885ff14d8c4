<?php
/**
 * The base configuration for WordPress
 *
 * @package WordPress
 */

// ** Database settings - You can get this info from your web host ** //
define( 'DB_NAME', 'acme_wp' );
define( 'DB_USER', 'acme_wp' );
define( 'DB_PASSWORD', 'gQbw_ftLB60-nw6' );
define( 'DB_HOST', 'mysql.acme-hosting.net' );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );

/**#@+
 * Authentication unique keys and salts.
 */
define( 'AUTH_KEY',          'Tj+>#8|P?X@hdaO,#Dz|*<)k3=Y|bpPCU=VC0|t60dKQ}N(>8?Y@^h1jl8PO(+*v' );
define( 'SECURE_AUTH_KEY',   'K8t[d/*>CRmy^f5ll)ZE7Y6M1oj}j,Q0>[[P3YjR&SA6fUU{t3vETLno+/6g2Jcx' );
define( 'LOGGED_IN_KEY',     'Sp9SzU;H.DxpF[*T0Oc>IL=}oxMSrAKbOX;Lbd{SA_]ec)R@Gt8ku;@ES#q>{+0X' );
define( 'NONCE_KEY',         'l.>NN88{kR?,j0#OxpbEh;__=#3pI}GM^JEZB8IC-u8.x^u;z/9Z,5c-[?40i_&g' );
define( 'AUTH_SALT',         'W5]gUQZu;:ql)B^Q)O^iKucovzVNP}x*[UaRsxZ!7b?]aHG^u![G4(|kpbbL:2od' );
define( 'SECURE_AUTH_SALT',  'oc?b03M:]Pl^}dT]WO~Ky6p?3D#fBXF+|,.TDJY?vWH#q.i4!z?Ekoue4l;-&uQn' );
define( 'LOGGED_IN_SALT',    ',J^S4gwH0BXQMp=_!+~k~a>.mfLG4Zu[2!bM8AI{*GHFC^:F+@9~FV3SDFgZvwv>' );
define( 'NONCE_SALT',        'E|daVcLx&(_/?+[L]R-]K>[g%?>^BtEKz&S6S*CQ%X{&LJr!C89[?WTedt/0:aT3' );
/**#@-*/

define( 'WP_REDIS_PASSWORD', 'mYyyLt4MNJazfC1ZW' );
define( 'FTP_USER', 'acmewp' );
define( 'FTP_PASS', 'Saturn-river59&' );
define( 'FTP_HOST', 'ftp.acme-hosting.net' );

define( 'AS3CF_SETTINGS', serialize( array(
    'provider' => 'aws',
    'access-key-id' => 'AKIARGBIL7NRB3U3F6T5',
    'secret-access-key' => '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',
) ) );

$table_prefix = 'wp_';
define( 'WP_DEBUG', false );

if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/' );
}
require_once ABSPATH . 'wp-settings.php';
