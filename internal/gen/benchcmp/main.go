//go:build linux

// Command benchcmp runs shell-free commands one after another on the same
// input and prints wall time, peak RSS and the ratio to the first command:
//
//	benchcmp -- dpgre omnidb scan big.txt ::: awk '{print $NF}' big.txt ::: wc -l big.txt
//
// Each command runs -n times; the best wall time counts (the I/O cache is
// warm for all of them after the first run).
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

func main() {
	n := flag.Int("n", 3, "runs per command (best counts)")
	size := flag.Int64("bytes", 0, "input size, to print MB/s")
	flag.Parse()
	var cmds [][]string
	cur := []string{}
	for _, a := range flag.Args() {
		if a == ":::" {
			cmds = append(cmds, cur)
			cur = []string{}
			continue
		}
		cur = append(cur, a)
	}
	cmds = append(cmds, cur)
	var base time.Duration
	for i, argv := range cmds {
		best, rss := time.Duration(1<<62), int64(0)
		for r := 0; r < *n; r++ {
			c := exec.Command(argv[0], argv[1:]...)
			c.Stdout, c.Stderr = io.Discard, os.Stderr
			start := time.Now()
			err := c.Run()
			d := time.Since(start)
			if _, ok := err.(*exec.ExitError); err != nil && !ok {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
			best = min(best, d)
			if ru, ok := c.ProcessState.SysUsage().(*syscall.Rusage); ok {
				rss = max(rss, ru.Maxrss)
			}
		}
		if i == 0 {
			base = best
		}
		rate := ""
		if *size > 0 {
			rate = fmt.Sprintf("  %7.0f MB/s", float64(*size)/1e6/best.Seconds())
		}
		fmt.Printf("%-28s %8.1f ms%s  peak RSS %6.1f MB  %6.2fx the first's time\n",
			short(argv), float64(best.Microseconds())/1000, rate, float64(rss)/1024, float64(best)/float64(base))
	}
}

// short names a command by its program and first arguments, without temp paths.
func short(argv []string) string {
	parts := []string{filepath.Base(argv[0])}
	for _, a := range argv[1:] {
		if strings.HasPrefix(a, "/") {
			a = filepath.Base(a)
		}
		parts = append(parts, a)
	}
	s := strings.Join(parts, " ")
	if len(s) > 28 {
		s = s[:27] + "…"
	}
	return s
}
