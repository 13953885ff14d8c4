import requests
from requests.auth import HTTPBasicAuth

JIRA_URL = "https://acme.atlassian.net"
auth = HTTPBasicAuth("ops-bot@acme-corp.example", "ATATT3xFfGF0GVSYd4w7rWV0DqIqpag_5pvage2HgsNdSnfQeGDxQ_RhGpmiNxvjGr0dZHQZPuF33uFVLhlLiu7cyHA4q9aHMkzqU_bgoMYIPnFxVhaEQWB9yy_BQZM3cFJdjOh3iHkWsLRUjo4-G_6AM3HichyADvs4LMeRly3Lg-8bQMUOFpq=764F92CD")
LINEAR_API_KEY = "lin_api_rIRdw1CqZIcPr54VkMncAESzKXsW819aqc2THaP2"
NOTION_TOKEN = "secret_6n6ssTz2SboTLzSaqLSbknHXgFJpOktNrN9u0wfDsNL"


def create_issue(summary: str) -> str:
    payload = {"fields": {"project": {"key": "OPS"}, "summary": summary, "issuetype": {"name": "Task"}}}
    response = requests.post(f"{JIRA_URL}/rest/api/3/issue", json=payload, auth=auth, timeout=10)
    response.raise_for_status()
    return response.json()["key"]
