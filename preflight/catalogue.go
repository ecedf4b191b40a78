package preflight

import (
	"github.com/dpgre/dpgre/patches"
)

// Catalogue returns every check in report order. It is the single source of
// truth: the docs (docs/checks.md) and the README table are generated from
// it and a test keeps them in step.
func Catalogue(kb *patches.KB) []Check {
	return []Check{
		checkFunc{specAD001, checkAD001},
		checkFunc{specDAG001, checkDAG001},
		checkFunc{specDAG002, checkDAG002},
		checkFunc{specDNS001, checkDNS001},
		checkFunc{specDNS002, checkDNS002},
		checkFunc{specDNS003, checkDNS003},
		checkFunc{specDNS004, checkDNS004},
		checkFunc{specOMNI001, checkOMNI001},
		checkFunc{specOMNI002, checkOMNI002},
		checkFunc{specOMNI003, checkOMNI003},
		checkFunc{specRC001, checkRC001},
		checkFunc{specRC002, checkRC002},
		checkFunc{specDP001, checkDP001(kb)},
		checkFunc{specDP002, checkDP002(kb)},
		checkFunc{specCELL001, checkCELL001},
		checkFunc{specCELL002, checkCELL002(kb)},
		checkFunc{specCELL003, checkCELL003},
		checkFunc{specCELL004, checkCELL004},
	}
}

// Specs lists the catalogue's specs.
func Specs() []Spec {
	var out []Spec
	for _, c := range Catalogue(&patches.KB{}) {
		out = append(out, c.Spec())
	}
	return out
}

var _ Check = checkFunc{}
