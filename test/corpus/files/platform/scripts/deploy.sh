#!/usr/bin/env bash
# Deploys the current build to production.
set -euo pipefail

VERSION="${1:?usage: deploy.sh VERSION}"

curl -fsS -u "deploy:hB6Y8X78dElREFXbRyKM2" "https://nexus.acme-corp.net/repository/releases/app-$VERSION.tar.gz" -o app.tar.gz
curl -fsS -u "$NEXUS_USER:$NEXUS_PASSWORD" https://nexus.acme-corp.net/service/rest/v1/status

mysql -h db.internal.acme-corp.net -u admin -p'YdWs_QxwjM0@5gT' shop < migrations/latest.sql
mysql -u root -p"$MYSQL_ROOT_PASSWORD" -e 'SELECT 1'
PGPASSWORD='Granite.saturn17_' psql -h pg.internal.acme-corp.net -U app -c 'VACUUM ANALYZE'

docker login -u acmebot -p dckr_pat_f_OvzJAzx1-ITtZHTGVGHeUc1pc registry-1.docker.io
echo "$GHCR_TOKEN" | docker login ghcr.io -u acme-deploy --password-stdin
docker run -d --name api -e STRIPE_SECRET_KEY=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 -e NODE_ENV=production ghcr.io/acme/api:$VERSION

kubectl create secret generic api-secrets --from-literal=DB_PASSWORD='qUomqv38zg1pXSauGc6Zah' --from-literal=SENDGRID_API_KEY=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 --dry-run=client -o yaml | kubectl apply -f -
vault kv put secret/api/prod db_password=yq4G@BkmUoC%qzC api_key=bWi9QuKnIbt3JP83YuY61pkCcHYeLsfy
vault kv put secret/api/staging db_password="$STAGING_DB_PASSWORD"

aws configure set aws_access_key_id AKIAQ6XST6KSRBPYA7HN --profile deploy
aws configure set aws_secret_access_key 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 --profile deploy

curl -fsS -X POST -H "Authorization: token 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" \
  -d "{\"tag_name\": \"$VERSION\"}" https://api.github.com/repos/acme/api/releases
read -rsp "Vault token: " VAULT_TOKEN
