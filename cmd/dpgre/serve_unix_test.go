//go:build !windows

package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"syscall"
	"testing"
	"time"
)

// TestMain lets a test run this binary as dpgre itself (DPGRE_TEST_AS_MAIN),
// for behaviour that needs a real process: signals.
func TestMain(m *testing.M) {
	if os.Getenv("DPGRE_TEST_AS_MAIN") == "1" {
		os.Exit(run(append([]string{"dpgre"}, os.Args[1:]...), os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// demo --serve stopped by SIGTERM (systemd, timeout, kill) must still stop
// the lab and remove its temp dir, which holds the lab's bind password.
func TestDemoServeCleansUpOnSIGTERM(t *testing.T) {
	cmd := exec.Command(os.Args[0], "demo", "--serve")
	cmd.Env = append(os.Environ(), "DPGRE_TEST_AS_MAIN=1")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	dirRe := regexp.MustCompile(`--ca-file (\S+)`)
	var dir string
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if m := dirRe.FindStringSubmatch(sc.Text()); m != nil {
			dir = filepath.Dir(m[1])
		}
		if sc.Text() == "Ctrl-C stops it." {
			break
		}
	}
	if dir == "" {
		t.Fatal("demo --serve printed no check flags")
	}
	if _, err := os.Stat(filepath.Join(dir, "bind-password")); err != nil {
		t.Fatalf("lab dir not there while serving: %v", err)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("exit after SIGTERM: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("demo --serve did not stop on SIGTERM")
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("lab dir %s left behind (%v)", dir, err)
	}
}
