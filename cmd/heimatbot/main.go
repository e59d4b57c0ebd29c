// Command heimatbot runs the community bot. With no tokens and no Redis it
// starts a chat in the terminal on an embedded store.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // the community's time zone also on a minimal image

	"github.com/heimatbot/heimatbot/gctarget"
)

func main() {
	gctarget.Set(os.Getenv)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Environ(), os.Stdin, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "heimatbot:", err)
		os.Exit(1)
	}
}
