from anthropic import Anthropic
from huggingface_hub import login
from openai import OpenAI

openai_client = OpenAI(api_key="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")
claude = Anthropic(api_key="sk-ant-api03-JDH4nv7_Pvx1802CgCLqwBOeKl87vzU6jMyUp3eJdOxPOMNrZzJS60l8cakVU3A_pfmn6HT3yyrvtIuVToa1cmRFp7sI-AA")
login(token="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")

DEFAULT_MODEL = "gpt-4o-mini"  # the key above is the team key; see README for your own


def summarize(text: str) -> str:
    reply = claude.messages.create(model="claude-3-5-sonnet-latest", max_tokens=512,
                                   messages=[{"role": "user", "content": f"Summarize:\n{text}"}])
    return reply.content[0].text
