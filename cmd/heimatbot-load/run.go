package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/pprof"

	"github.com/heimatbot/heimatbot/adapters/telegram/telegramtest"
	"github.com/heimatbot/heimatbot/store"
)

// run parses the flags, connects to Redis, runs the load and prints the
// report.
func run(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	fs := flag.NewFlagSet("heimatbot-load", flag.ContinueOnError)
	residents := fs.Int("residents", 1000, "simulated residents")
	concurrency := fs.Int("concurrency", 64, "residents played at once")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the run to this file")
	memProfile := fs.String("memprofile", "", "write an allocation profile of the run to this file")
	keep := fs.Bool("keep", false, "leave the run's keys in Redis for inspection (the report names the community)")
	specPath := fs.String("spec", "", "Telegram Bot API spec (api.min.json; default: the one vendored in telegramtest)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *residents < 1 || *concurrency < 1 {
		return errors.New("-residents and -concurrency must be at least 1")
	}
	url := getenv("REDIS_URL")
	if url == "" {
		return errors.New("REDIS_URL is required (the load runs against real Redis)")
	}
	spec, err := loadSpec(*specPath)
	if err != nil {
		return err
	}
	rdb, err := store.Open(store.Addr{URL: url})
	if err != nil {
		return err
	}
	defer rdb.Close()

	cfg := Config{Residents: *residents, Concurrency: *concurrency, Redis: rdb, Spec: spec, Keep: *keep}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return fmt.Errorf("cpu profile: %w", err)
		}
		defer f.Close()
		cfg.Profile = profiler{f}
	}
	rep, err := Load(ctx, cfg)
	if err != nil {
		return err
	}
	if *memProfile != "" {
		if err := writeAllocs(*memProfile); err != nil {
			return err
		}
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	return rep.WriteText(stdout)
}

func loadSpec(path string) (*telegramtest.Spec, error) {
	if path == "" {
		return telegramtest.VendoredSpec()
	}
	return telegramtest.LoadSpec(path)
}

// profiler profiles the CPU while the residents play.
type profiler struct{ w io.Writer }

func (p profiler) start() error { return pprof.StartCPUProfile(p.w) }
func (p profiler) stop()        { pprof.StopCPUProfile() }

// writeAllocs writes the allocations since the start of the program.
func writeAllocs(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("memory profile: %w", err)
	}
	if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
		f.Close()
		return fmt.Errorf("memory profile: %w", err)
	}
	return f.Close()
}
