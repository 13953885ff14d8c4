#!/usr/bin/env bash
MSG="${1:-deploy finished}"
curl -s -X POST -H 'Content-type: application/json' --data "{\"text\":\"$MSG\"}" https://hooks.slack.com/services/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
curl -s "https://api.telegram.org/bot7805229373:AAf6tKiILp8g3hhSJ2uQfqUDqDAhM5G9n3p/sendMessage" -d chat_id=-1001077343583 -d text="$MSG"
curl -s -H "Content-Type: application/json" -d "{\"content\":\"$MSG\"}" https://discord.com/api/webhooks/2587910224573411868/AEeVYGxXrcQal2DRAZkiccD9Ta6Wm4qOZJTiDFSHbFzOihEsOvXQrJqs3z4js_5fUHoD
curl -s -X POST "$SLACK_WEBHOOK_URL" -d "{\"text\":\"$MSG\"}"
