package patches

import (
	_ "embed"
	"errors"
	"fmt"
	"os"
	"strings"

	"gopkg.in/yaml.v3"
)

//go:embed kb.yaml
var embeddedKB []byte

// KB is the knowledge base of releases, minimum levels and known issues.
type KB struct {
	Version  string    `yaml:"version" json:"version"`
	Date     string    `yaml:"date" json:"date"`
	Path     string    `yaml:"-" json:"path,omitempty"` // "" for the embedded one
	Releases []Release `yaml:"releases" json:"releases"`
	Minimums []Minimum `yaml:"minimums" json:"minimums"`
	Issues   []Issue   `yaml:"issues" json:"issues"`
	// Components are client component keys as cell_info writes them.
	Components []Component `yaml:"components" json:"components"`
}

// Component is a Data Protector client component in cell_info.
type Component struct {
	Key      string   `yaml:"key" json:"key"`
	Aliases  []string `yaml:"aliases" json:"aliases,omitempty"`
	Name     string   `yaml:"name" json:"name"`
	Verified bool     `yaml:"verified" json:"verified"`
	// RequiredOnDAGNodes: the field report installs it on every DAG node.
	RequiredOnDAGNodes bool   `yaml:"required_on_dag_nodes" json:"required_on_dag_nodes,omitempty"`
	Source             string `yaml:"source" json:"source"`
}

// Keys are the key and its aliases.
func (c Component) Keys() []string { return append([]string{c.Key}, c.Aliases...) }

type Release struct {
	Level    string `yaml:"level" json:"level"`
	Date     string `yaml:"date" json:"date,omitempty"`
	Critical bool   `yaml:"critical" json:"critical,omitempty"`
	Note     string `yaml:"note" json:"note,omitempty"`
	Source   string `yaml:"source" json:"source"`
}

type Minimum struct {
	Major       int    `yaml:"major" json:"major"`
	Level       string `yaml:"level" json:"level"`
	Reason      string `yaml:"reason" json:"reason"`
	Remediation string `yaml:"remediation" json:"remediation"`
	Source      string `yaml:"source" json:"source"`
}

type Issue struct {
	ID          string   `yaml:"id" json:"id"`
	Title       string   `yaml:"title" json:"title"`
	Symptom     string   `yaml:"symptom" json:"symptom"`
	Affects     Affects  `yaml:"affects" json:"affects"`
	FixedIn     string   `yaml:"fixed_in" json:"fixed_in,omitempty"`
	Hotfix      string   `yaml:"hotfix" json:"hotfix,omitempty"`
	Workaround  *RCValue `yaml:"workaround_omnirc" json:"workaround_omnirc,omitempty"`
	Condition   string   `yaml:"condition" json:"condition,omitempty"`
	Remediation string   `yaml:"remediation" json:"remediation"`
	Source      string   `yaml:"source" json:"source"`
}

// Affects is either a list of levels or a half-open range [from, before).
type Affects struct {
	Versions []string `yaml:"versions" json:"versions,omitempty"`
	From     string   `yaml:"from" json:"from,omitempty"`
	Before   string   `yaml:"before" json:"before,omitempty"`
}

// RCValue is an omnirc setting that works around an issue.
type RCValue struct {
	Name  string `yaml:"name" json:"name"`
	Value string `yaml:"value" json:"value"`
}

// EmbeddedKB returns the knowledge base compiled into dpgre.
func EmbeddedKB() (*KB, error) { return ParseKB(embeddedKB, "") }

// LoadKB reads a knowledge base file (--kb).
func LoadKB(path string) (*KB, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseKB(b, path)
}

// ParseKB decodes and validates a knowledge base; unknown keys are errors so
// a typo in a hand edit does not silently drop a rule.
func ParseKB(b []byte, path string) (*KB, error) {
	name := path
	if name == "" {
		name = "embedded kb.yaml"
	}
	var kb KB
	dec := yaml.NewDecoder(strings.NewReader(string(b)))
	dec.KnownFields(true)
	if err := dec.Decode(&kb); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	kb.Path = path
	if err := kb.validate(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return &kb, nil
}

func (kb *KB) validate() error {
	var errs []error
	if kb.Version == "" || kb.Date == "" {
		errs = append(errs, errors.New("version and date are required"))
	}
	for _, r := range kb.Releases {
		if _, err := ParseLevel(r.Level); err != nil {
			errs = append(errs, fmt.Errorf("release: %w", err))
		}
		if r.Source == "" {
			errs = append(errs, fmt.Errorf("release %s: no source", r.Level))
		}
	}
	for _, m := range kb.Minimums {
		if _, err := ParseLevel(m.Level); err != nil {
			errs = append(errs, fmt.Errorf("minimum: %w", err))
		}
		if m.Source == "" || m.Remediation == "" {
			errs = append(errs, fmt.Errorf("minimum %s: source and remediation are required", m.Level))
		}
	}
	for _, c := range kb.Components {
		if c.Key == "" || c.Name == "" || c.Source == "" {
			errs = append(errs, fmt.Errorf("component %q: key, name and source are required", c.Key))
		}
	}
	ids := map[string]bool{}
	for _, is := range kb.Issues {
		if is.ID == "" || ids[is.ID] {
			errs = append(errs, fmt.Errorf("issue %q: missing or duplicate id", is.ID))
		}
		ids[is.ID] = true
		if is.Source == "" || is.Remediation == "" {
			errs = append(errs, fmt.Errorf("issue %s: source and remediation are required", is.ID))
		}
		for _, l := range append(append([]string{}, is.Affects.Versions...), is.Affects.From, is.Affects.Before, is.FixedIn) {
			if l == "" {
				continue
			}
			if _, err := ParseLevel(l); err != nil {
				errs = append(errs, fmt.Errorf("issue %s: %w", is.ID, err))
			}
		}
		if len(is.Affects.Versions) == 0 && is.Affects.From == "" && is.Affects.Before == "" {
			errs = append(errs, fmt.Errorf("issue %s: affects is empty", is.ID))
		}
	}
	return errors.Join(errs...)
}

// AffectsLevel tells whether the issue applies to level l (before any hotfix).
func (is Issue) AffectsLevel(l Level) bool {
	for _, v := range is.Affects.Versions {
		if x, err := ParseLevel(v); err == nil && x == l {
			return true
		}
	}
	if is.Affects.From == "" && is.Affects.Before == "" {
		return false
	}
	if is.Affects.From != "" {
		if f, err := ParseLevel(is.Affects.From); err != nil || l.Less(f) {
			return false
		}
	}
	if is.Affects.Before != "" {
		if b, err := ParseLevel(is.Affects.Before); err != nil || !l.Less(b) {
			return false
		}
	}
	return true
}

// MinimumFor returns the minimum for l's major version, if the KB has one.
func (kb *KB) MinimumFor(l Level) (Minimum, bool) {
	for _, m := range kb.Minimums {
		if m.Major == l.Major {
			return m, true
		}
	}
	return Minimum{}, false
}

// KnowsLevel tells whether l is a release the KB lists.
func (kb *KB) KnowsLevel(l Level) bool {
	for _, r := range kb.Releases {
		if x, err := ParseLevel(r.Level); err == nil && x == l {
			return true
		}
	}
	return false
}
