// Package telegramtest is a strict fake of the Telegram Bot API for tests.
//
// A [Server] speaks the real wire protocol over an httptest server: requests
// arrive at /bot<token>/<method> as form-urlencoded, multipart or JSON bodies,
// and every one is checked against the machine-readable Bot API
// specification ([Spec]) the way Telegram itself would check it: the method
// must exist, required parameters must be present, unknown parameters are
// refused, values must parse as their declared types, texts must respect
// Telegram's limits and HTML or Markdown markup must be well formed. A
// request that Telegram would refuse is answered with Telegram's error shape
// and recorded as a violation, so a test can end with [Server.AssertClean].
//
// A typical test:
//
//	spec := telegramtest.MustLoadSpec(t)
//	srv := telegramtest.New(spec)
//	defer srv.Close()
//	bot, _ := tgbotapi.NewBotAPIWithClient(srv.Token(), srv.Endpoint(), srv.Client())
//	srv.PushUpdate(srv.TextMessage(42, 42, "/start", "de"))
//	// ... run the adapter, then
//	calls, _ := srv.WaitSent(ctx, 1)
//	srv.AssertClean(t)
//
// The server also fakes long polling (getUpdates), webhook registration,
// command menus, sent and edited messages, and can inject faults (429, 403,
// 500) or model Telegram's rate limits so that senders can be tested.
package telegramtest
