package telegram

import (
	"encoding/json"
	"log/slog"
	"strings"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/heimatbot/heimatbot/bot"
)

// fuzzAdapter maps updates as a running bot named heimat_bot does.
func fuzzAdapter() *Adapter {
	return &Adapter{self: tgbotapi.User{ID: 123456789, IsBot: true, UserName: "heimat_bot"}, log: slog.New(slog.DiscardHandler)}
}

// updateSeeds are updates as Telegram sends them, and the one that used to
// crash the bot.
var updateSeeds = []string{
	`{"update_id":1,"message":{"message_id":1,"date":1,"chat":{"id":-100777,"type":"group","title":"G"},"from":{"id":9200041,"is_bot":false,"first_name":"Grp"},"text":" ","entities":[{"type":"bot_command","offset":0,"length":1}]}}`,
	`{"update_id":2,"message":{"message_id":2,"date":1,"chat":{"id":42,"type":"private","first_name":"A"},"from":{"id":42,"is_bot":false,"first_name":"A","language_code":"de"},"text":"/start ev_1","entities":[{"type":"bot_command","offset":0,"length":6}]}}`,
	`{"update_id":3,"message":{"message_id":3,"date":1,"chat":{"id":-5,"type":"supergroup","title":"G"},"from":{"id":7,"is_bot":false,"first_name":"B"},"text":"👋 @heimat_bot hilfe","entities":[{"type":"mention","offset":3,"length":11}]}}`,
	`{"update_id":4,"message":{"message_id":4,"date":1,"chat":{"id":-5,"type":"group","title":"G"},"from":{"id":7,"is_bot":false,"first_name":"B"},"text":"/hilfe@heimat_bot","entities":[{"type":"bot_command","offset":0,"length":17}]}}`,
	`{"update_id":5,"callback_query":{"id":"c1","from":{"id":42,"is_bot":false,"first_name":"A"},"chat_instance":"x","data":"s1:yes","message":{"message_id":9,"date":1,"chat":{"id":42,"type":"private"}}}}`,
	`{"update_id":6,"edited_message":{"message_id":1,"date":1,"edit_date":2,"chat":{"id":42,"type":"private"},"from":{"id":42,"is_bot":false,"first_name":"A"},"text":"x"}}`,
	`{"update_id":7,"message":{"message_id":5,"date":1,"chat":{"id":-5,"type":"group"},"from":{"id":7,"is_bot":false,"first_name":"B"},"text":"ok","reply_to_message":{"message_id":3,"date":1,"chat":{"id":-5,"type":"group"},"from":{"id":123456789,"is_bot":true,"first_name":"H"}}}}`,
	`{"update_id":8,"message":{"message_id":6,"date":1,"chat":{"id":42,"type":"private"},"from":{"id":42,"is_bot":false,"first_name":"A"},"sticker":{"file_id":"f","file_unique_id":"u","type":"regular","width":1,"height":1,"is_animated":false,"is_video":false}}}`,
	`{"update_id":9,"channel_post":{"message_id":1,"date":1,"chat":{"id":-1000,"type":"channel"},"text":"news"}}`,
	`{"update_id":10,"message":{"message_id":7,"date":1,"chat":{"id":-5,"type":"group"},"from":{"id":7,"is_bot":false,"first_name":"B"},"text":"e\u0301 x","entities":[{"type":"mention","offset":-1,"length":99},{"type":"bot_command","offset":0,"length":2}]}}`,
	`{"update_id":11,"message":{"message_id":8,"date":1,"chat":{"id":-5,"type":"group"},"from":{"id":7,"is_bot":false,"first_name":"B"},"text":"hey","entities":[{"type":"text_mention","offset":0,"length":3,"user":{"id":123456789,"is_bot":true,"first_name":"H"}}]}}`,
	`{"update_id":"x"}`,
}

// checkMapped holds for every update the bot maps, however odd.
func checkMapped(t *testing.T, up tgbotapi.Update, u bot.Update, ok bool) {
	t.Helper()
	if !ok {
		return
	}
	if u.ID != updateID(up.UpdateID) || u.Chat.Platform != bot.Telegram || u.User.Platform != bot.Telegram {
		t.Fatalf("mapped %+v to %+v", up, u)
	}
	if u.Chat.Chat == "" || u.User.ID == "" {
		t.Fatalf("an update without chat or person: %+v", u)
	}
	if u.Button == "" && u.Text == "" && !u.Unsupported {
		t.Fatalf("an empty update is passed on: %+v", u)
	}
}

// An update as the webhook's body, and a batch as getUpdates' result: any
// JSON Telegram might send is mapped or ignored, never a panic.
func FuzzUpdates(f *testing.F) {
	for _, s := range updateSeeds {
		f.Add([]byte(s))
		f.Add([]byte("[" + s + "]"))
	}
	f.Add([]byte("[" + strings.Join(updateSeeds, ",") + "]"))
	f.Add([]byte(`[1,null,{}]`))
	a := fuzzAdapter()
	f.Fuzz(func(t *testing.T, body []byte) {
		if !json.Valid(body) {
			return // the webhook answers 400 before reading it
		}
		up := a.decodeUpdate(body)
		u, ok := a.toUpdate(&up)
		checkMapped(t, up, u, ok)
		ups, err := a.decodeUpdates(body)
		if err != nil {
			return // getUpdates failed: asked again
		}
		for i := range ups {
			u, ok := a.toUpdate(&ups[i])
			checkMapped(t, ups[i], u, ok)
		}
	})
}
