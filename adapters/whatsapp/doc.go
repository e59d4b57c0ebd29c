// Package whatsapp connects heimatbot to the WhatsApp Business Platform's
// Cloud API (Graph API v23.0).
//
// Receiving: Meta posts webhooks to the bot's HTTP server. A GET answers
// Meta's verification handshake (hub.mode=subscribe with the verify token:
// the challenge is echoed). A POST is accepted only with a valid
// X-Hub-Signature-256 (HMAC-SHA256 of the raw body with the app secret),
// checked before anything is parsed; it is answered 200 only once every
// message in it is handled and its replies are out, so Meta redelivers
// what failed and the engine's de-duplication ("wa:<message id>") keeps
// each message once across replicas.
//
// Mapping: text, interactive button and list replies and a template's
// quick-reply button become updates (the buttons' ids and payloads are the
// core's button payloads); images, stickers, audio, video, documents and
// locations are Update.Unsupported. Commands are bare words, as WhatsApp
// has no slash commands. A status "failed" with 131026 (undeliverable)
// marks the person unreachable; every status is counted.
//
// Sending: text is rendered in WhatsApp's markup with every piece of text
// escaped (its marker characters become look-alikes that never format)
// and split to fit 4,096 characters. Up to three buttons with titles of at
// most 20 characters become reply buttons, other choices a list (at most
// ten rows a list; titles of 24, descriptions of 72 characters: a label
// too long for a title is shortened there and given whole as the
// description). Files go through the media upload as images or documents.
//
// The 24-hour window: a free-form message reaches a person only within 24
// hours of their last message. The adapter notes that time in Redis (a
// key of the person's, expiring with the window, removed by /loeschen);
// a message the bot starts by itself (bot.Message.Kind) goes as the
// approved template configured for its kind once the window is closed,
// with the message's buttons as the template's quick-reply payloads.
//
// Pacing: every replica shares one pace in Redis for the phone number's
// throughput (80 messages/s by default) and one per recipient (Meta's
// pair rate); the errors 130429 and 131056 are waited out and retried.
package whatsapp
