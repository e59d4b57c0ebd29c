// Package mattermost connects heimatbot to a Mattermost server through a bot
// account, with model.Client4 for the REST API and model.WebSocketClient for
// the event stream.
//
// Direct messages go to the flows; bare command words work there without a
// slash, since Mattermost's client claims every message that starts with
// one. In channels the bot answers only when mentioned, in the thread of
// the mention. Its own posts, other bots' posts, system messages and edits
// are ignored.
//
// When the WebSocket drops, the adapter reconnects with backoff and then
// reads the posts made meanwhile in its direct and watched channels, from a
// per-channel "last seen" kept in Redis, so nothing said while it was away
// is lost; the engine recognises a post handled before by its update id
// "mm:<post id>".
//
// Several processes on one Redis share the work: only the holder of a
// lease in Redis (SET NX with an expiry, renewed by its holder) reads the
// event stream; the others stand by, serve button callbacks and slash
// commands, and send. When the holder stops, it gives the lease up; when
// it dies, the lease expires; either way another process takes it and
// catches up from the "last seen" marks. A holder that has had no renewal
// confirmed for two thirds of the lease's time stops reading, while the
// lease still runs, and reads again only once it wins the lease again.
//
// With an actions URL configured, choices are interactive buttons whose
// context is signed (HMAC-SHA256 over payload, scope and expiry); the
// callback is checked before anything changes. Without one, choices are a
// numbered list and the person types the number or the label. The slash
// command /heimat is registered in the team where the bot may, and runs
// as a direct message from whoever used it.
//
// Keys in Redis (see the store package for the schema):
//
//	hb:{C}:mattermost:seen   hash CHANNELID -> create_at (ms) of the last post
//	                         handled there; "~init" once the bot has run
//	hb:{C}:mattermost:consumer  string, the id of the process reading the event
//	                         stream; expires unless renewed (Config.LeaseTTL)
package mattermost
