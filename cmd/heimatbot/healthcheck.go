package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"time"
)

// defineHealthcheck asks the running bot's /healthz, by default on the
// configured http.addr. It is the Docker image's HEALTHCHECK: the
// distroless image has no curl.
func defineHealthcheck(fs *flag.FlagSet) func(context.Context, *call) error {
	url := fs.String("url", "", "the `URL` to check (default /healthz on the configured http.addr)")
	timeout := fs.Duration("timeout", 5*time.Second, "give up after this `DURATION`")
	return func(ctx context.Context, c *call) error {
		target := *url
		if target == "" {
			cfg, err := c.config()
			if err != nil {
				return err
			}
			if target, err = healthURL(cfg.HTTP.Addr); err != nil {
				return err
			}
		}
		ctx, cancel := context.WithTimeout(ctx, *timeout)
		defer cancel()
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
		if err != nil {
			return fmt.Errorf("healthcheck: %w", err)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return fmt.Errorf("healthcheck: %w", err)
		}
		_ = resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("healthcheck: %s answered %s", target, resp.Status)
		}
		_, err = fmt.Fprintln(c.stdout, "healthy:", target)
		return err
	}
}

// healthURL is /healthz on the bot's own listening address, asked on the
// loopback when it listens on every interface.
func healthURL(addr string) (string, error) {
	if addr == "" {
		return "", errors.New("healthcheck: http.addr is not set (HEIMATBOT_HTTP_ADDR, e.g. :8080), so the bot serves no /healthz; or pass --url")
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("healthcheck: http.addr %q: %w", addr, err)
	}
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port) + "/healthz", nil
}
