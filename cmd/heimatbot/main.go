// Command heimatbot runs the community bot. With no tokens and no Redis it
// starts a chat in the terminal on an embedded store; its subcommands
// work on the community's data from a shell.
//
// Every subcommand is one entry of the table in commands.go: its name
// (one or more words, such as "digest" or "event create"), a one-line
// summary, its positional arguments, an example that works, and define,
// which defines the subcommand's own flags on a flag set and returns the
// function that runs it once they are parsed. The global flags (--config)
// are added to every subcommand, before or after its name; help, the list
// of subcommands and the refusal of unknown words come from the table.
// To add a subcommand, write its define function in a file of its own
// and add one entry; a test of its help and flags comes for free from
// TestEverySubcommandHasHelp, and a README example of it is run by
// TestReadmeExamples when it needs no platform.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // the community's time zone also on a minimal image

	"github.com/heimatbot/heimatbot/gctarget"
)

func main() {
	gctarget.Set(os.Getenv)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := exitCode(run(ctx, os.Args[1:], os.Environ(), os.Stdin, os.Stdout, os.Stderr), os.Stderr)
	stop()
	os.Exit(code)
}
