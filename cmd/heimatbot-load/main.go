// Command heimatbot-load plays simulated residents through whole flows
// against the bot over the Telegram wire protocol and reports throughput
// and latency percentiles.
//
// It starts, in one process, the fake Telegram Bot API server
// (adapters/telegram/telegramtest, without flood limits) and the bot as
// production wires it, in webhook mode with the adapter's flood limits
// off, its webhook served on a loopback HTTP listener. Each resident's
// step is one update POSTed to that webhook as Telegram does; the webhook
// answers only once the update is handled and its replies are sent, so a
// step's latency is the POST's round trip. Buttons are found by their
// label on the last messages the fake recorded for the chat, as a person
// finds them. The process has the bot's garbage collector target (see
// package gctarget).
//
//	REDIS_URL=redis://127.0.0.1:6379 go run ./cmd/heimatbot-load -residents 10000
//
// Every run uses a fresh community id and removes its keys at the end.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/heimatbot/heimatbot/gctarget"
)

func main() {
	gctarget.Set(os.Getenv)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "heimatbot-load:", err)
		os.Exit(1)
	}
}
