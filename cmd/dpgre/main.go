// Command dpgre pre-flights Data Protector's Exchange Granular Recovery
// Extension: it reads AD, DNS and Data Protector's own outputs and says what
// will break a GRE restore, and how to fix it.
package main

import "os"

func main() { os.Exit(run(os.Args, os.Stdin, os.Stdout, os.Stderr)) }
