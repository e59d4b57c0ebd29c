// Package mattermosttest provides a fake Mattermost server for tests.
//
// The fake is an [httptest.Server] that speaks the Mattermost wire protocol
// well enough for an adapter built on model.Client4 (REST, under /api/v4) and
// model.WebSocketClient (event stream, at /api/v4/websocket) to run against it
// unchanged. All JSON is produced and consumed with the library's own model
// types, so shapes match what a real server sends.
//
// A test creates a server with [New], points the adapter at [Server.URL] with
// [Server.Token], and then plays the people in the chat: [Server.UserPost]
// writes a message as a user and pushes the "posted" event over the
// WebSocket, [Server.DoAction] presses an interactive button and
// [Server.DoSlashCommand] runs a slash command the way Mattermost calls an
// integration. What the bot did is read back with [Server.PostsIn],
// [Server.WaitPost], [Server.Uploads] and [Server.Commands].
//
// Endpoints the fake does not model answer 501 and are listed by
// [Server.Violations], so a test notices when the adapter starts relying on
// something new.
package mattermosttest
