# Extracts from Meta's business-messaging-api_v23.0.yaml what the fake
# needs: the schemas reachable from the message request, the webhook
# payload and mark-as-read, and the examples of /messages and of the
# webhook. Run: python3 extract.py business-messaging-api_v23.0.yaml > cloudapi-v23.0.json
import json, sys, yaml

d = yaml.safe_load(open(sys.argv[1]))
schemas = d["components"]["schemas"]

def refs(o, acc):
    if isinstance(o, dict):
        for k, v in o.items():
            if k == "$ref" and isinstance(v, str) and v.startswith("#/components/schemas/"):
                n = v.split("/")[-1]
                if n not in acc:
                    acc.add(n)
                    refs(schemas[n], acc)
            else:
                refs(v, acc)
    elif isinstance(o, list):
        for v in o:
            refs(v, acc)

roots = ["Message", "WebhookPayload", "MarkMessageRequestPayload"]
acc = set(roots)
for n in roots:
    refs(schemas[n], acc)

def examples(path):
    body = d["paths"][path]["post"]["requestBody"]["content"]["application/json"]
    return {k: v["value"] for k, v in body.get("examples", {}).items()}

out = {
    "source": "github.com/facebook/openapi business-messaging-api_v23.0.yaml (commit ecba623b4aba6ae770185b074ed77ed5acef22f7)",
    "version": d["info"]["version"],
    "schemas": {k: schemas[k] for k in sorted(acc)},
    "message_examples": examples("/{Version}/{Phone-Number-ID}/messages"),
    "webhook_examples": examples("/whatsapp/webhooks"),
}
json.dump(out, sys.stdout, indent=1, sort_keys=True, default=str)
sys.stdout.write("\n")
