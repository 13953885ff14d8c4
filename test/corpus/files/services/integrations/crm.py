import hubspot
import mailchimp_marketing

hs = hubspot.Client.create(access_token="pat-eu1-27d8878b-1f0c-4074-aa6e-68bb1374ac69")

mc = mailchimp_marketing.Client()
mc.set_config({"api_key": "c4775a4bab3b417e5710dfc073a058a0-us1", "server": "us6"})

postman_key = keyring.get_password("postman", "ci")
POSTMAN_API_KEY = "PMAK-f60c2109c64ebe8a906e80ac-9d6e1b7c65cb2113a79032a18603b064b3"
