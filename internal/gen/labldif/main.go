// Command labldif writes the Samba lab's scenario files; the copies in
// testdata/ are its output and a test keeps them equal:
//
//	labldif -what ldif    > testdata/ad/samba-scenario.ldif
//	labldif -what dns     > testdata/ad/samba-dns.txt
//	labldif -what listing > testdata/omnidb/integration-listing.txt
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/dpgre/dpgre/lab"
)

func main() {
	what := flag.String("what", "ldif", "ldif, dns or listing")
	dags := flag.Int("dags", 0, "instead of the integration scenario, N generated DAGs (benchmarks)")
	flag.Parse()
	spec := lab.IntegrationSpec()
	if *dags > 0 {
		spec = lab.ScaleSpecIn(*dags, "corp.example")
	}
	switch *what {
	case "ldif":
		s, err := lab.SambaLDIF(spec)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Print(s)
	case "dns":
		fmt.Println(strings.Join(lab.IntegrationDNS(spec), "\n"))
	case "listing":
		fmt.Print(lab.IntegrationListing(spec))
	default:
		fmt.Fprintln(os.Stderr, "-what must be ldif, dns or listing")
		os.Exit(64)
	}
}
