FROM python:3.12-slim
WORKDIR /srv
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
ENV OPENAI_API_KEY=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 \
    HF_TOKEN=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 \
    TRANSFORMERS_CACHE=/srv/.cache
COPY worker/ worker/
CMD ["python", "-m", "worker"]
