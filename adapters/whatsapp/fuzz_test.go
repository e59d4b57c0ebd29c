package whatsapp

import (
	"strings"
	"testing"

	"github.com/heimatbot/heimatbot/adapters/whatsapp/whatsapptest"
)

// FuzzParseWebhook feeds the webhook parser and the mapping what Meta
// might post; the seeds are the description's own webhook examples. No
// input may panic, and every message taken must come from its sender.
func FuzzParseWebhook(f *testing.F) {
	spec, err := whatsapptest.LoadSpec()
	if err != nil {
		f.Fatal(err)
	}
	for _, ex := range spec.WebhookExamples {
		f.Add([]byte(ex))
	}
	f.Add([]byte(`{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"statuses":[{"id":"x","status":"failed","recipient_id":"49","errors":[{"code":131026}]}]}}]}]}`))
	f.Add([]byte(`{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"messages":[{"from":"49","id":"a","type":"interactive","interactive":{"type":"list_reply"}}]}}]}]}`))
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		p, err := ParseWebhook(body)
		if err != nil {
			return
		}
		for _, e := range p.Entry {
			for _, c := range e.Changes {
				for _, m := range c.Value.Messages {
					u, ok := toUpdate(m)
					if !ok {
						continue
					}
					if u.Chat.Chat != m.From || u.User.ID != m.From || !strings.HasPrefix(u.ID, "wa:") || !u.Private {
						t.Fatalf("message %+v mapped to %+v", m, u)
					}
					if u.Button == "" && u.Text == "" && !u.Unsupported {
						t.Fatalf("message %+v mapped to an empty update", m)
					}
				}
			}
		}
	})
}
