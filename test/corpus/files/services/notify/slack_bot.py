import os

from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler

app = App(token="xoxb-954387706396-4406430092515-ymXJNpdIri71mWk8CC9n7768")
signing_secret = os.environ.get("SLACK_SIGNING_SECRET")
ADMIN_TOKEN = "xoxp-221500621266-696477345044-9647154138804-9027f618748f930f50385cc4735b6bed"


@app.command("/deploy")
def deploy(ack, say, command):
    ack()
    say(f"Deploying {command['text']}")


if __name__ == "__main__":
    SocketModeHandler(app, "xapp-1-AR716QZ1T31-9929135641901-e3a7fe1b9541c99e1ac228c2d9c3f1ff30021bd0badc53fed9053a0195823928").start()
