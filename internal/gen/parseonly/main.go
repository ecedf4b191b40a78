// Command parseonly runs dpgre's omnidb listing parser alone on a file (no
// SHA-256, no checks, no report), so benchmarks can set the parser beside
// awk and wc -l as processes on equal terms.
package main

import (
	"fmt"
	"os"

	"github.com/dpgre/dpgre/omni"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: parseonly LISTING")
		os.Exit(64)
	}
	f, err := os.Open(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer f.Close()
	l, err := omni.ParseListing(f, os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("%d lines, %d objects, %d problems\n", l.Lines, len(l.Objects), l.ProblemsTotal)
}
