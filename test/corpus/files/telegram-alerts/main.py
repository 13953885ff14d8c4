import os

from transformers import AutoModelForSequenceClassification

model = AutoModelForSequenceClassification.from_pretrained("acme/alert-triage", token="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")
BOT = os.environ["TELEGRAM_BOT_TOKEN"]
