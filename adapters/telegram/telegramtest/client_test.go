package telegramtest

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// newBot connects the real client library to srv.
func newBot(t *testing.T, srv *Server) *tgbotapi.BotAPI {
	t.Helper()
	bot, err := tgbotapi.NewBotAPIWithClient(srv.Token(), srv.Endpoint(), srv.Client())
	if err != nil {
		t.Fatalf("NewBotAPIWithClient: %v", err)
	}
	return bot
}

func TestClientConversation(t *testing.T) {
	srv := newTestServer(t, WithBotUsername("heimat_test_bot"))
	bot := newBot(t, srv)
	if bot.Self.UserName != "heimat_test_bot" || !bot.Self.IsBot {
		t.Fatalf("getMe: %+v", bot.Self)
	}
	const chat = 4242

	msg := tgbotapi.NewMessage(chat, "<b>Hallo</b> &amp; willkommen")
	msg.ParseMode = tgbotapi.ModeHTML
	msg.ReplyMarkup = tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(
		tgbotapi.NewInlineKeyboardButtonData("Ja", "yes"),
		tgbotapi.NewInlineKeyboardButtonURL("Mehr", "https://example.org"),
	))
	sent, err := bot.Send(msg)
	if err != nil {
		t.Fatalf("sendMessage: %v", err)
	}
	if sent.MessageID != 1 || sent.Chat.ID != chat || sent.Text != "Hallo & willkommen" || sent.From == nil || !sent.From.IsBot {
		t.Fatalf("sendMessage result: %+v", sent)
	}
	if len(sent.Entities) != 1 || sent.Entities[0].Type != "bold" || sent.Entities[0].Length != 5 {
		t.Errorf("entities = %+v, want one bold of length 5", sent.Entities)
	}

	// The user presses the button; the bot answers and edits the message.
	press := srv.CallbackQuery(chat, chat, sent.MessageID, "yes")
	srv.PushUpdate(press)
	updates, err := bot.GetUpdates(tgbotapi.UpdateConfig{Timeout: 1})
	if err != nil || len(updates) != 1 || updates[0].CallbackQuery == nil {
		t.Fatalf("getUpdates = %+v, %v", updates, err)
	}
	cq := updates[0].CallbackQuery
	if cq.Data != "yes" || cq.Message == nil || cq.Message.MessageID != sent.MessageID {
		t.Fatalf("callback query: %+v", cq)
	}
	if _, err := bot.Request(tgbotapi.NewCallback(cq.ID, "Danke")); err != nil {
		t.Fatalf("answerCallbackQuery: %v", err)
	}
	edit := tgbotapi.NewEditMessageText(chat, sent.MessageID, "Erledigt")
	if _, err := bot.Send(edit); err != nil {
		t.Fatalf("editMessageText: %v", err)
	}
	if _, err := bot.Send(edit); err == nil {
		t.Error("editing to the same content: want 'message is not modified'")
	}
	markup := tgbotapi.NewEditMessageReplyMarkup(chat, sent.MessageID, tgbotapi.NewInlineKeyboardMarkup(
		tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData("Nochmal", "again"))))
	if _, err := bot.Send(markup); err != nil {
		t.Fatalf("editMessageReplyMarkup: %v", err)
	}

	if _, err := bot.Request(tgbotapi.NewChatAction(chat, tgbotapi.ChatUploadDocument)); err != nil {
		t.Fatalf("sendChatAction: %v", err)
	}
	doc := tgbotapi.NewDocument(chat, tgbotapi.FileBytes{Name: "plan.ics", Bytes: []byte("BEGIN:VCALENDAR")})
	doc.Caption = "Dein <i>Plan</i>"
	doc.ParseMode = tgbotapi.ModeHTML
	if _, err := bot.Send(doc); err != nil {
		t.Fatalf("sendDocument: %v", err)
	}
	photo := tgbotapi.NewPhoto(chat, tgbotapi.FileURL("https://example.org/p.jpg"))
	if _, err := bot.Send(photo); err != nil {
		t.Fatalf("sendPhoto by URL: %v", err)
	}
	if _, err := bot.Request(tgbotapi.NewDeleteMessage(chat, sent.MessageID)); err != nil {
		t.Fatalf("deleteMessage: %v", err)
	}

	cmds := tgbotapi.NewSetMyCommandsWithScopeAndLanguage(tgbotapi.NewBotCommandScopeAllPrivateChats(), "de",
		tgbotapi.BotCommand{Command: "start", Description: "Loslegen"})
	if _, err := bot.Request(cmds); err != nil {
		t.Fatalf("setMyCommands: %v", err)
	}
	if got, ok := srv.Commands(CommandScope{Type: "all_private_chats"}, "de"); !ok || got[0].Command != "start" {
		t.Errorf("Commands = %v, %v", got, ok)
	}

	// The real Telegram takes a secret_token, which v5.5.1's WebhookConfig
	// lacks; MakeRequest sends it.
	if _, err := bot.MakeRequest("setWebhook", tgbotapi.Params{"url": "https://bot.example.org/hook", "secret_token": "s3cret"}); err != nil {
		t.Fatalf("setWebhook: %v", err)
	}
	if wh, ok := srv.Webhook(); !ok || wh.SecretToken != "s3cret" || wh.URL != "https://bot.example.org/hook" {
		t.Errorf("Webhook = %+v, %v", wh, ok)
	}
	info, err := bot.GetWebhookInfo()
	if err != nil || info.URL != "https://bot.example.org/hook" {
		t.Errorf("getWebhookInfo = %+v, %v", info, err)
	}
	if _, err := bot.Request(tgbotapi.DeleteWebhookConfig{DropPendingUpdates: true}); err != nil {
		t.Fatalf("deleteWebhook: %v", err)
	}

	if v := srv.Violations(); len(v) != 1 || !strings.Contains(v[0], "message is not modified") {
		t.Errorf("violations = %q, want only the unmodified edit", v)
	}
	msgs := srv.MessagesTo(chat)
	if len(msgs) != 3 {
		t.Fatalf("MessagesTo = %d messages, want 3", len(msgs))
	}
	if m := msgs[0]; m.Text != "Erledigt" || !m.Deleted || m.EditDate.IsZero() {
		t.Errorf("first message = %+v", m)
	}
	if f := msgs[1].File; f == nil || f.Name != "plan.ics" || string(f.Data) != "BEGIN:VCALENDAR" || msgs[1].Text != "Dein Plan" {
		t.Errorf("document message = %+v", msgs[1])
	}
	if msgs[2].FileRef != "https://example.org/p.jpg" {
		t.Errorf("photo message = %+v", msgs[2])
	}
	if calls := srv.Calls("answerCallbackQuery"); len(calls) != 1 || calls[0].Params["text"] != "Danke" {
		t.Errorf("answerCallbackQuery calls = %+v", calls)
	}
}

func TestClientSeesTelegramErrors(t *testing.T) {
	srv := newTestServer(t)
	bot := newBot(t, srv)
	const chat = 7
	srv.FailNext("sendMessage", 1, http.StatusTooManyRequests, 3)
	_, err := bot.Send(tgbotapi.NewMessage(chat, "hi"))
	var tgErr *tgbotapi.Error
	if !errors.As(err, &tgErr) || tgErr.Code != 429 || tgErr.RetryAfter != 3 {
		t.Fatalf("err = %#v, want 429 with retry_after 3", err)
	}
	srv.BlockChat(chat)
	_, err = bot.Send(tgbotapi.NewMessage(chat, "hi"))
	if !errors.As(err, &tgErr) || tgErr.Code != 403 || tgErr.Message != "Forbidden: bot was blocked by the user" {
		t.Fatalf("err = %#v, want 403 blocked", err)
	}
	if srv.Count429() != 1 {
		t.Errorf("Count429 = %d, want 1", srv.Count429())
	}
	srv.AssertClean(t) // injected faults are not violations

	msg := tgbotapi.NewMessage(chat+1, "a < b")
	msg.ParseMode = tgbotapi.ModeHTML
	if _, err := bot.Send(msg); err == nil {
		t.Fatal("malformed HTML: want an error")
	}
	if len(srv.Violations()) != 1 {
		t.Errorf("violations = %q, want one", srv.Violations())
	}
}

// TestLibraryExtras documents parameters tgbotapi v5.5.1 can send that Bot
// API 10.1 no longer lists: the strict fake refuses them.
func TestLibraryExtras(t *testing.T) {
	tests := []struct {
		name  string
		param string
		c     tgbotapi.Chattable
	}{
		{"reply_to_message_id", "reply_to_message_id", func() tgbotapi.Chattable {
			m := tgbotapi.NewMessage(1, "hi")
			m.ReplyToMessageID = 1
			return m
		}()},
		{"disable_web_page_preview", "disable_web_page_preview", func() tgbotapi.Chattable {
			m := tgbotapi.NewMessage(1, "hi")
			m.DisableWebPagePreview = true
			return m
		}()},
		{"allow_sending_without_reply", "allow_sending_without_reply", func() tgbotapi.Chattable {
			m := tgbotapi.NewMessage(1, "hi")
			m.AllowSendingWithoutReply = true
			return m
		}()},
		{"thumb", "thumb", func() tgbotapi.Chattable {
			d := tgbotapi.NewDocument(1, tgbotapi.FileBytes{Name: "a.txt", Bytes: []byte("a")})
			d.Thumb = tgbotapi.FileBytes{Name: "t.jpg", Bytes: []byte("t")}
			return d
		}()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newTestServer(t)
			bot := newBot(t, srv)
			_, err := bot.Request(tt.c)
			if err == nil {
				t.Fatalf("want the spec to refuse %s", tt.param)
			}
			v := srv.Violations()
			if len(v) != 1 || !strings.Contains(v[0], tt.param) {
				t.Errorf("violations = %q", v)
			}
		})
	}
}

// TestUploadErrorsLackCode pins a quirk of tgbotapi v5.5.1: an error
// answered to a multipart upload comes back without its Code, though with
// its description and retry_after.
func TestUploadErrorsLackCode(t *testing.T) {
	srv := newTestServer(t)
	bot := newBot(t, srv)
	srv.FailNext("sendDocument", 1, http.StatusTooManyRequests, 5)
	_, err := bot.Send(tgbotapi.NewDocument(1, tgbotapi.FileBytes{Name: "a.txt", Bytes: []byte("a")}))
	var tgErr *tgbotapi.Error
	if !errors.As(err, &tgErr) {
		t.Fatalf("err = %#v, want a *tgbotapi.Error", err)
	}
	if tgErr.Code != 0 || tgErr.RetryAfter != 5 || tgErr.Message != "Too Many Requests: retry after 5" {
		t.Errorf("err = %#v; did tgbotapi fix the missing Code?", tgErr)
	}
}

func TestWaitSent(t *testing.T) {
	srv := newTestServer(t)
	bot := newBot(t, srv) // getMe is a read, not a call
	go func() {
		_, _ = bot.Send(tgbotapi.NewMessage(1, "eins"))
		_, _ = bot.Send(tgbotapi.NewMessage(1, "zwei"))
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	calls, err := srv.WaitSent(ctx, 2)
	if err != nil || len(calls) != 2 || calls[1].Params["text"] != "zwei" || !calls[1].OK() {
		t.Fatalf("WaitSent = %+v, %v", calls, err)
	}
	short, cancel2 := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel2()
	if _, err := srv.WaitSent(short, 3); err == nil {
		t.Error("WaitSent beyond the calls made: want the context's error")
	}
}
