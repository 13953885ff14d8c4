from googleapiclient.discovery import build

# Get a key at https://console.cloud.google.com/apis/credentials (looks like AIza...)
youtube = build("youtube", "v3", developerKey="AIzacy-0MpDB5MoQPSp3v7w_PGavxSShBkmNSIQ")
GEOCODING_KEY = "AIza9m0HVpFeYvgWXv0IX2ggEHYGYfTOlnbMZ8K"


def channel_videos(channel_id: str):
    request = youtube.search().list(part="snippet", channelId=channel_id, maxResults=50, order="date")
    return request.execute()["items"]
