// Package atomicfile writes a file so that readers (a monitoring agent, a
// later --from) never see half of it: a temporary file in the same
// directory, renamed into place when complete.
package atomicfile

import (
	"io"
	"os"
	"path/filepath"
)

// Write creates path with the content write produces, mode 0644.
func Write(path string, write func(io.Writer) error) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = write(tmp); err != nil {
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
