package mattermosttest

import "net/http"

// routes maps the endpoints the fake models; everything else is answered by
// notModelled.
func (s *Server) routes() http.Handler {
	api := http.NewServeMux()
	handle := func(pattern string, h apiHandler) {
		api.Handle(pattern, s.authenticated(h))
	}

	handle("GET /api/v4/config/client", s.getClientConfig)

	handle("GET /api/v4/users/{user_id}", s.getUser)
	// users/username/{name} and users/{id}/teams overlap, which ServeMux
	// refuses, so one pattern serves both.
	handle("GET /api/v4/users/{a}/{b}", s.getUserPair)
	handle("POST /api/v4/users/ids", s.getUsersByIDs)
	handle("POST /api/v4/users/usernames", s.getUsersByUsernames)
	handle("GET /api/v4/users/{user_id}/teams/{team_id}/channels", s.getChannelsForUser)

	handle("GET /api/v4/teams/{team_id}", s.getTeam)
	handle("GET /api/v4/teams/name/{team_name}", s.getTeamByName)
	handle("GET /api/v4/teams/{team_id}/channels/name/{channel_name}", s.getChannelByName)
	handle("GET /api/v4/teams/name/{team_name}/channels/name/{channel_name}", s.getChannelByName)

	handle("POST /api/v4/channels/direct", s.createDirectChannel)
	handle("GET /api/v4/channels/{channel_id}", s.getChannel)
	handle("GET /api/v4/channels/{channel_id}/members", s.getChannelMembers)
	handle("GET /api/v4/channels/{channel_id}/members/{user_id}", s.getChannelMember)
	handle("GET /api/v4/channels/{channel_id}/posts", s.getPostsForChannel)

	handle("POST /api/v4/posts", s.createPost)
	handle("GET /api/v4/posts/{post_id}", s.getPost)
	handle("GET /api/v4/posts/{post_id}/thread", s.getPostThread)
	handle("PUT /api/v4/posts/{post_id}", s.updatePost)
	handle("PUT /api/v4/posts/{post_id}/patch", s.patchPost)

	handle("POST /api/v4/files", s.uploadFile)
	handle("GET /api/v4/files/{file_id}", s.getFile)
	handle("GET /api/v4/files/{file_id}/info", s.getFileInfo)

	handle("POST /api/v4/commands", s.createCommand)
	handle("GET /api/v4/commands", s.listCommands)

	// The WebSocket authenticates itself: a bad token still upgrades.
	api.HandleFunc("GET /api/v4/websocket", s.serveWebSocket)

	// A slash command's response_url needs no token: its id is the secret.
	api.HandleFunc("POST /hooks/commands/{hook_id}", s.commandHook)

	api.HandleFunc("/", s.notModelled)
	return s.withFaults(api)
}
