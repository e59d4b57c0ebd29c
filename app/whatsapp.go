package app

import (
	"context"
	"fmt"

	"github.com/heimatbot/heimatbot/adapters/whatsapp"
	"github.com/heimatbot/heimatbot/bot"
)

// addWhatsApp connects WhatsApp when WHATSAPP_TOKEN is set: Meta posts to
// the webhook on the app's mux. Its counts of templates (what Meta
// charges for), refused templates, messages held back by a closed window
// and delivery statuses go to /metrics.
func (a *App) addWhatsApp(_ context.Context, out *[]bot.Adapter) error {
	w := a.cfg.WhatsApp
	if w.Token == "" {
		return nil
	}
	templates := map[string]whatsapp.Template{}
	for kind, t := range w.Templates {
		templates[kind] = whatsapp.Template{Name: t.Name, Languages: t.Languages, Params: t.Params, Buttons: t.Buttons}
	}
	pace := whatsapp.DefaultPace()
	if w.Throughput > 0 {
		pace = whatsapp.PaceFor(w.Throughput)
	}
	ad, err := whatsapp.New(whatsapp.Options{
		Token: w.Token, AppSecret: w.AppSecret, VerifyToken: w.VerifyToken,
		PhoneNumberID: w.PhoneNumberID, APIURL: w.APIURL, Mux: a.mux,
		Store: a.Store, Lang: a.cfg.Community.Languages[0], Templates: templates, Pace: pace,
		OnUnreachable: func(ctx context.Context, to bot.Address) {
			if err := a.Store.MarkUnreachable(ctx, bot.User{Platform: bot.WhatsApp, ID: to.Chat}); err != nil {
				a.log.Warn("mark unreachable", "err", err)
			}
		},
		Log: a.log,
	})
	if err != nil {
		return fmt.Errorf("whatsapp: %w", err)
	}
	a.metrics.CountedBy("heimatbot_whatsapp_templates_sent_total",
		"WhatsApp template messages Meta accepted, by kind of message (invite, remind, …): the messages Meta charges for.",
		"kind", func() map[string]int64 { return ad.Stats().Templates })
	a.metrics.CountedBy("heimatbot_whatsapp_templates_refused_total",
		"WhatsApp templates Meta refused (unknown name or language, wrong parameters), by kind; not retried.",
		"kind", func() map[string]int64 { return ad.Stats().TemplatesRefused })
	a.metrics.CountedBy("heimatbot_whatsapp_statuses_total",
		"Delivery statuses Meta reported for sent WhatsApp messages (sent, delivered, read, failed).",
		"status", func() map[string]int64 { return ad.Stats().Statuses })
	a.metrics.CountedBy("heimatbot_whatsapp_window_closed_total",
		"WhatsApp messages not sent because the person's 24-hour window was closed and no template stands for their kind.",
		"platform", func() map[string]int64 { return map[string]int64{"whatsapp": ad.Stats().WindowClosed} })
	*out = append(*out, ad)
	return nil
}
