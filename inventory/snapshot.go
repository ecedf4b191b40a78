package inventory

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"
)

// SnapshotSchema versions saved inventories.
const SnapshotSchema = "dpgre.inventory/v1"

// MaxSnapshotBytes bounds a saved inventory read back with --from.
const MaxSnapshotBytes = 1 << 30

// Snapshot is what --save writes and --from reads: the inventory with its
// sources, so an audit or a support case can be judged again offline.
type Snapshot struct {
	Schema    string     `json:"schema"`
	Tool      string     `json:"tool"`
	SavedAt   time.Time  `json:"saved_at"`
	Sources   []Source   `json:"sources"`
	Inventory *Inventory `json:"inventory"`
}

// NewSnapshot wraps inv.
func NewSnapshot(inv *Inventory, tool string, now time.Time) *Snapshot {
	srcs := inv.Sources
	if srcs == nil {
		srcs = []Source{}
	}
	return &Snapshot{Schema: SnapshotSchema, Tool: tool, SavedAt: now.UTC().Truncate(time.Second), Sources: srcs, Inventory: inv}
}

// Write encodes the snapshot as indented JSON.
func (s *Snapshot) Write(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(s)
}

// ReadSnapshot decodes a saved inventory and restores its sources.
func ReadSnapshot(r io.Reader, name string) (*Inventory, *Snapshot, error) {
	var s Snapshot
	dec := json.NewDecoder(io.LimitReader(r, MaxSnapshotBytes))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return nil, nil, fmt.Errorf("%s: not a saved dpgre inventory: %w", name, err)
	}
	if s.Schema != SnapshotSchema {
		return nil, nil, fmt.Errorf("%s: schema %q, want %q", name, s.Schema, SnapshotSchema)
	}
	if s.Inventory == nil {
		return nil, nil, fmt.Errorf("%s: no inventory in it", name)
	}
	s.Inventory.Sources = s.Sources
	if s.Inventory.DAGs == nil {
		s.Inventory.DAGs = New().DAGs
	}
	if s.Inventory.DNS == nil {
		s.Inventory.DNS = New().DNS
	}
	return s.Inventory, &s, nil
}

// LoadSnapshot reads a saved inventory file.
func LoadSnapshot(path string) (*Inventory, *Snapshot, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	return ReadSnapshot(f, path)
}
