package collect

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/dpgre/dpgre/dag"
	"github.com/dpgre/dpgre/internal/hostname"
	"github.com/dpgre/dpgre/inventory"
	"github.com/dpgre/dpgre/patches"
)

// fileJob reads a file (or stdin for "-") through parse, hashing what it
// reads so the report can prove which input was judged.
func fileJob(cfg Config, name, path string, parse func(io.Reader, string) error) job {
	return func(ctx context.Context, _ *inventory.Inventory) inventory.Source {
		src := inventory.Source{Name: name, Target: path}
		sum, err := readHashed(ctx, cfg, path, parse)
		src.SHA256 = sum
		if err != nil {
			src.Error = err.Error()
		}
		return src
	}
}

func readHashed(ctx context.Context, cfg Config, path string, parse func(io.Reader, string) error) (string, error) {
	var r io.Reader
	label := path
	if path == "-" {
		r, label = cfg.Stdin, "<stdin>"
	} else {
		f, err := os.Open(path)
		if err != nil {
			return "", err
		}
		defer f.Close()
		r = f
	}
	h := newAsyncHash()
	tee := io.TeeReader(ctxReader{ctx, r}, h)
	err := parse(tee, label)
	if err == nil {
		if _, err = io.CopyBuffer(io.Discard, tee, make([]byte, 512*1024)); err != nil {
			err = fmt.Errorf("%s: %w", label, err)
		}
	}
	sum := h.Sum()
	if err != nil {
		return "", err
	}
	return sum, nil
}

// ctxReader stops a long read when the source's deadline passes.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, fmt.Errorf("reading stopped: %w", err)
	}
	return c.r.Read(p)
}

func patchesJob(cfg Config, inv *inventory.Inventory) job {
	return fileJob(cfg, inventory.SourcePatches, cfg.Patches, func(r io.Reader, name string) error {
		in, err := patches.Parse(r, name)
		inv.DataProtector = in
		return err
	})
}

// namesJob turns --dag and --standalone into name-only inventory entries.
func namesJob(cfg Config) job {
	return func(_ context.Context, inv *inventory.Inventory) inventory.Source {
		for _, n := range cfg.DAGNames {
			inv.DAGs = append(inv.DAGs, nameOnlyDAG(n))
		}
		for _, n := range cfg.Standalone {
			h := hostname.Normalize(n)
			inv.Standalone = append(inv.Standalone, dag.Standalone{
				Member: dag.Member{Name: hostname.Short(h), FQDN: h, IPs: []string{}}, Databases: []dag.Database{}, Origin: "cli"})
		}
		return inventory.Source{Name: inventory.SourceDAGFlag, Target: strings.Join(append(append([]string{}, cfg.DAGNames...), cfg.Standalone...), ",")}
	}
}

func nameOnlyDAG(n string) dag.DAG {
	h := hostname.Normalize(n)
	d := dag.DAG{Name: hostname.Short(h), IPv4: []string{}, Members: []dag.Member{}, Databases: []dag.Database{}, Origin: "cli"}
	if strings.Contains(h, ".") {
		d.FQDN = h
	}
	return d
}
