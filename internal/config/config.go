// Package config reads dpgre's --config YAML file: a flat map of flag names
// to values, e.g.
//
//	ldap-url: ldaps://dc1.example.com
//	dns-server: [10.0.0.1, 10.0.0.2]
//	timeout: 10s
//
// Unknown keys are errors (a typo must not silently drop a setting), and a
// password can never be put here: there is no password flag.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// MaxBytes bounds a config file.
const MaxBytes = 1 << 20

// Values maps a flag name to its value(s); scalars are one-element lists.
type Values map[string][]string

// Load reads path and validates its keys against known flag names.
func Load(path string, known []string) (Values, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(b, path, known)
}

// Parse decodes a config document.
func Parse(b []byte, path string, known []string) (Values, error) {
	if len(b) > MaxBytes {
		return nil, fmt.Errorf("%s: larger than %d bytes", path, MaxBytes)
	}
	var doc yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(b)).Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) { // an empty file
			return Values{}, nil
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(doc.Content) == 0 {
		return Values{}, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s:%d: want a mapping of flag names to values", path, root.Line)
	}
	isKnown := map[string]bool{}
	for _, k := range known {
		isKnown[k] = true
	}
	out := Values{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		name := strings.TrimPrefix(k.Value, "--")
		if strings.Contains(strings.ToLower(name), "password") && !strings.HasSuffix(name, "-file") {
			return nil, fmt.Errorf("%s:%d: %q: passwords are never read from the config file; use --bind-password-file or DPGRE_BIND_PASSWORD", path, k.Line, name)
		}
		if !isKnown[name] {
			return nil, fmt.Errorf("%s:%d: unknown setting %q%s", path, k.Line, name, suggest(name, known))
		}
		if _, dup := out[name]; dup {
			return nil, fmt.Errorf("%s:%d: %q is set twice", path, k.Line, name)
		}
		vals, err := scalars(v)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %s: %w", path, v.Line, name, err)
		}
		out[name] = vals
	}
	return out, nil
}

func scalars(n *yaml.Node) ([]string, error) {
	switch n.Kind {
	case yaml.ScalarNode:
		return []string{n.Value}, nil
	case yaml.SequenceNode:
		out := make([]string, 0, len(n.Content))
		for _, c := range n.Content {
			if c.Kind != yaml.ScalarNode {
				return nil, errors.New("want a list of plain values")
			}
			out = append(out, c.Value)
		}
		return out, nil
	}
	return nil, errors.New("want a value or a list of values")
}

func suggest(name string, known []string) string {
	var close []string
	for _, k := range known {
		if strings.Contains(k, name) || strings.Contains(name, k) {
			close = append(close, k)
		}
	}
	sort.Strings(close)
	if len(close) == 0 {
		return ""
	}
	return " (did you mean " + strings.Join(close, " or ") + "?)"
}
