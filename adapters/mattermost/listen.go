package mattermost

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/gorilla/websocket"
	"github.com/mattermost/mattermost/server/public/model"

	"github.com/heimatbot/heimatbot/backoff"
	"github.com/heimatbot/heimatbot/bot"
)

// Reconnect backoff bounds.
const (
	reconnectMin = time.Second
	reconnectMax = time.Minute
)

// Run listens to the event stream until ctx ends and passes what people
// write to h. Of several processes on one Redis only the holder of the
// consumer lease listens; the others wait to take over and meanwhile
// serve callbacks. When the connection drops the holder reconnects with
// backoff and catches up on the posts made meanwhile.
func (a *Adapter) Run(ctx context.Context, h bot.Handler) error {
	a.mu.Lock()
	a.handler, a.runCtx = h, ctx
	a.mu.Unlock()
	defer func() {
		// Callbacks arriving from now on are turned away.
		a.mu.Lock()
		a.handler = nil
		a.mu.Unlock()
		a.lanes.Wait()
	}()
	for {
		a.standby.Store(true)
		since, err := a.lease.acquire(ctx)
		if err != nil {
			return nil
		}
		a.standby.Store(false)
		a.log.Info("mattermost: this process reads the event stream")
		held, cancel := context.WithCancelCause(ctx)
		lost := func(cause error) {
			// Standing by from the moment the lease is gone, before the
			// stream closes, so /readyz never sees a gap in the handover.
			a.standby.Store(true)
			cancel(cause)
		}
		holding := make(chan struct{})
		go func() {
			defer close(holding)
			a.lease.hold(held, since, lost)
		}()
		a.consume(held)
		lost(nil)
		// hold has ended before the next term begins, so a late lost
		// of this one cannot mark the next as standing by.
		<-holding
		// Hand over only what is finished: the next holder catches up
		// from the last post marked seen.
		a.lanes.Wait()
		if err := a.lease.Release(context.WithoutCancel(ctx)); err != nil {
			a.log.Warn("mattermost: release the consumer lease", "err", err)
		}
		if ctx.Err() != nil {
			return nil
		}
		a.log.Warn("mattermost: stopped reading the event stream, standing by", "err", context.Cause(held))
	}
}

// consume reads the event stream until ctx ends, reconnecting with
// backoff.
func (a *Adapter) consume(ctx context.Context) {
	failures := 0
	for {
		connected, err := a.session(ctx)
		if ctx.Err() != nil {
			return
		}
		if connected {
			failures = 0
		}
		wait := backoff.Wait(failures, reconnectMin, reconnectMax)
		a.log.Warn("mattermost: event stream lost, reconnecting", "err", err, "in", wait)
		if a.sleep(ctx, wait) != nil {
			return
		}
		failures++
	}
}

// session runs one WebSocket connection: it waits for "hello", catches up,
// then passes events on until the connection ends. connected reports
// whether it got that far.
func (a *Adapter) session(ctx context.Context) (connected bool, err error) {
	dialer := &websocket.Dialer{Proxy: http.ProxyFromEnvironment, HandshakeTimeout: a.cfg.HTTPTimeout}
	ws, appErr := model.NewWebSocketClient4WithDialer(dialer, wsURL(a.client.URL), a.cfg.Token)
	if appErr != nil {
		return false, fmt.Errorf("connect: %w", appErr)
	}
	defer ws.Close()
	ws.Listen()
	events, responses := ws.EventChannel, ws.ResponseChannel
	hello := time.NewTimer(a.cfg.HTTPTimeout)
	defer hello.Stop()
	for !connected {
		select {
		case <-ctx.Done():
			return false, nil
		case <-hello.C:
			return false, errors.New("no hello from the server")
		case <-responses:
		case ev, ok := <-events:
			if !ok {
				return false, listenError(ws)
			}
			connected = ev.EventType() == model.WebsocketEventHello
		}
	}
	a.log.Info("mattermost: event stream connected")
	if err := a.catchUp(ctx); err != nil {
		return true, fmt.Errorf("catch up: %w", err)
	}
	a.readyOnce.Do(func() { close(a.ready) })
	a.live.Store(true)
	defer a.live.Store(false)
	for {
		select {
		case <-ctx.Done():
			return true, nil
		case <-ws.PingTimeoutChannel:
			return true, errors.New("ping timeout")
		case _, ok := <-responses:
			if !ok {
				responses = nil
			}
		case ev, ok := <-events:
			if !ok {
				return true, listenError(ws)
			}
			if ctx.Err() != nil {
				return true, nil // the lease is gone: not one event more
			}
			a.event(ctx, ev)
		}
	}
}

func listenError(ws *model.WebSocketClient) error {
	if ws.ListenError != nil {
		return ws.ListenError
	}
	return errors.New("connection closed")
}

// wsURL turns the server's http(s) URL into its ws(s) URL.
func wsURL(httpURL string) string {
	return "ws" + strings.TrimPrefix(httpURL, "http")
}

// event queues a new post; the bot ignores every other event, edits
// included.
func (a *Adapter) event(ctx context.Context, ev *model.WebSocketEvent) {
	if in, ok := a.posted(ev); ok {
		a.enqueue(ctx, in)
	}
}

// posted reads the post of a "posted" event.
func (a *Adapter) posted(ev *model.WebSocketEvent) (incoming, bool) {
	if ev.EventType() != model.WebsocketEventPosted {
		return incoming{}, false
	}
	data := ev.GetData()
	raw, _ := data["post"].(string)
	var p model.Post
	if err := json.Unmarshal([]byte(raw), &p); err != nil {
		a.log.Warn("mattermost: undecodable post event", "err", err)
		return incoming{}, false
	}
	ct, _ := data["channel_type"].(string)
	sender, _ := data["sender_name"].(string)
	return incoming{post: &p, channelType: model.ChannelType(ct), sender: sender}, true
}

// enqueue handles a post in its channel's lane, after the channel's
// earlier posts.
func (a *Adapter) enqueue(ctx context.Context, in incoming) {
	a.lanes.Do(in.post.ChannelId, func() { a.handlePost(ctx, in) })
}

// handlePost passes a post to the handler and then marks it seen; a post
// whose handling failed is not marked by itself.
//
// A post whose mapping or handling panicked is marked seen: read again, it
// would only panic again. In a direct channel the person is told.
func (a *Adapter) handlePost(ctx context.Context, in incoming) {
	var dm *bot.Address
	if in.channelType == model.ChannelTypeDirect {
		dm = &bot.Address{Platform: bot.Mattermost, Chat: in.post.ChannelId}
	}
	var erased bool
	err := a.guard(ctx, "mm:"+in.post.Id, dm, func() error {
		u, ok := a.update(ctx, in)
		if !ok {
			return nil
		}
		if u.Private {
			u.Forget = func(ctx context.Context) {
				erased = true
				a.forgetChat(ctx, u.Chat.Chat)
			}
		}
		h, _ := a.running()
		if h == nil {
			return errNoHandler
		}
		return h.Handle(ctx, u)
	})
	switch {
	case errors.Is(err, errNoHandler):
		return // shutting down; the next start catches up
	case err != nil && !bot.IsPanic(err):
		a.log.Warn("mattermost: handle post", "err", err, "post", in.post.Id)
		return
	}
	if erased {
		return // its mark went with the person's data
	}
	if err := a.seen.mark(ctx, in.post.ChannelId, in.post.CreateAt, in.post.UserId == a.me.Id); err != nil {
		a.log.Warn("mattermost: mark post seen", "err", err)
	}
}
