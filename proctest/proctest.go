// Package proctest runs a test's own binary again as a child process, for
// tests that kill a process (SIGKILL, not a goroutine) in the middle of
// its work and start another to finish it.
package proctest

import (
	"os"
	"os/exec"
	"testing"
	"time"
)

// childEnv marks a child process; its value is the test it runs.
const childEnv = "HEIMATBOT_PROCTEST_CHILD"

// IsChild reports whether this process is a child started by Command: the
// test then does the child's work instead of its own.
func IsChild() bool { return os.Getenv(childEnv) != "" }

// Command returns the command that runs test (its exact name) of this
// binary as a child, with env (KEY=value) added to the environment.
func Command(test string, env ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$", "-test.v")
	cmd.Env = append(append(os.Environ(), childEnv+"="+test), env...)
	cmd.Stderr = os.Stderr
	return cmd
}

// KillWhen starts cmd and kills it with SIGKILL once ready is closed: the
// moment the test arranged, say a request held up in flight. It fails the
// test when that moment does not come within limit.
func KillWhen(t *testing.T, cmd *exec.Cmd, ready <-chan struct{}, limit time.Duration) {
	t.Helper()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-ready:
	case <-time.After(limit):
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		t.Fatal("the child never reached the moment to be killed")
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
}

// Finish runs cmd to its end and fails the test when it fails or takes
// longer than limit.
func Finish(t *testing.T, cmd *exec.Cmd, limit time.Duration) {
	t.Helper()
	done := make(chan error, 1)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("child: %v", err)
		}
	case <-time.After(limit):
		_ = cmd.Process.Kill()
		<-done
		t.Fatal("child did not finish")
	}
}
