// Command genlisting writes a large omnidb listing for benchmarks:
// genlisting -lines 1000000 -distinct 2000 > big.txt
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/dpgre/dpgre/internal/gen"
)

func main() {
	lines := flag.Int("lines", 1_000_000, "lines to write")
	distinct := flag.Int("distinct", 2000, "distinct objects")
	crlf := flag.Bool("crlf", false, "CRLF line ends")
	flag.Parse()
	if err := gen.Listing(os.Stdout, *lines, *distinct, *crlf); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
