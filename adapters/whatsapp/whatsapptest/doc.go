// Package whatsapptest is a strict fake of the WhatsApp Business
// Platform's Cloud API for tests.
//
// A [Server] speaks the real wire protocol over an httptest server:
// messages arrive as JSON at /v23.0/<phone-number-id>/messages and files as
// multipart at /v23.0/<phone-number-id>/media, with the access token as a
// bearer token. Every message is checked against the vendored OpenAPI
// description ([Spec], Meta's own, MIT) and against what Meta enforces
// beyond it: the limits of texts, bodies, buttons and lists, unique button
// titles and row ids, the 24-hour customer service window, approved
// templates with the right number of parameters, the phone number's
// throughput and the pair rate per recipient. A request Meta would refuse
// is answered with Meta's error (131047, 132000, 132001, 130429, 131056,
// 100, 190) and recorded as a violation, so a test can end with
// [Server.AssertClean]. A message outside the window is accepted and then
// reported failed (131047) in a status webhook, as Meta does; so is one to
// an undeliverable number (131026).
//
// The server plays the people too: [Server.Text], [Server.Press] and
// [Server.Image] post signed webhooks (X-Hub-Signature-256) to the bot's
// webhook URL, as Meta does, and [Server.Redeliver] posts one again.
package whatsapptest
