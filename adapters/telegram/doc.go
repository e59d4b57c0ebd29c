// Package telegram connects heimatbot to Telegram through the Bot API
// (github.com/go-telegram-bot-api/telegram-bot-api/v5, with its own HTTP
// client and a context per call).
//
// Receiving: by default the adapter long-polls getUpdates itself and
// confirms an update to Telegram (the next offset) only after the handler
// returned for it, that is after its effects are in Redis. The last
// confirmed update id is kept in Redis (hb:{C}:telegram:offset), so a
// restarted process neither loses nor repeats updates; an update fetched
// again after a crash is recognised by the engine through its id
// ("tg:<update_id>") and handled once. With a webhook URL the adapter
// registers it with setWebhook (and a secret_token) and serves Telegram's
// POSTs on the given mux instead: a missing or wrong secret is refused
// before anything is read, and 200 is answered only after handling.
//
// Mapping: text and commands (also /cmd@bot in groups) become updates; in
// groups only commands without or with this bot's name, mentions of the bot
// and replies to its messages count. A pressed inline button becomes
// Update.Button: the query is always answered, and the prompt is edited to
// show the choice and lose its keyboard. Stickers, photos, voice messages
// and edits are Update.Unsupported in a private chat and ignored elsewhere.
//
// Sending: text is rendered as HTML with every piece of text escaped and
// split at paragraph boundaries to fit 4096 characters; buttons become an
// inline keyboard, payloads over 64 bytes travel as short ids kept in Redis
// (hb:{C}:telegram:button:ID, with expiry). Files go out with sendPhoto
// (png) or sendDocument. The sender keeps within Telegram's flood limits,
// waits out 429 retry_after, retries 5xx and network errors with backoff,
// and answers 403 (blocked) with an error wrapping bot.ErrUnreachable after
// calling the OnUnreachable hook.
package telegram
