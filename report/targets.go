package report

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Target is one requested report: a format and where it goes ("" = stdout).
type Target struct {
	Format string
	Path   string
}

// ParseTarget reads FORMAT[=PATH].
func ParseTarget(s string) (Target, error) {
	f, p, _ := strings.Cut(s, "=")
	f = strings.ToLower(strings.TrimSpace(f))
	if _, ok := renderers[f]; !ok {
		return Target{}, fmt.Errorf("unknown report format %q (known: %s)", f, strings.Join(Formats(), ", "))
	}
	if p == "-" {
		p = ""
	}
	return Target{Format: f, Path: p}, nil
}

// WriteFile renders d into path atomically: a temporary file in the same
// directory renamed into place, so a monitoring agent never reads half a
// report.
func WriteFile(path, format string, d *Document, o Options) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = Render(tmp, format, d, o); err != nil {
		return err
	}
	if err = tmp.Chmod(0o644); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
