use reqwest::blocking::Client;

const API_URL: &str = "https://api.linear.app/graphql";
const API_TOKEN: &str = "lin_api_vRdAeyyxOkxaaCMQyLmO4N5B7NsmlwyaGbsACE3F";
const CF_TOKEN_ENV: &str = "CLOUDFLARE_API_TOKEN";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::new();
    let cf_key = "28375e707ca2e636632e13b4265f3ca5c114f"; // X-Auth-Key, global API key
    let res = client
        .post(API_URL)
        .header("Authorization", API_TOKEN)
        .body(r#"{"query":"{ viewer { id } }"}"#)
        .send()?;
    println!("{} {}", res.status(), cf_key.len());
    Ok(())
}
