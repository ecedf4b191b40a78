package preflight

import (
	"fmt"
	"strings"

	"github.com/dpgre/dpgre/internal/hostname"
	"github.com/dpgre/dpgre/inventory"
	"github.com/dpgre/dpgre/omni"
)

// namesOnlyFinding judges a client when only --dag names are known. Without
// the directory dpgre cannot map database GUIDs to DAGs, so it weighs what
// the other sources say about the client: signs of a DAG alias make it a
// fail (the field report's case), signs of a physical host an info, and
// nothing either way a warning — never a silent pass.
func namesOnlyFinding(inv *inventory.Inventory, s Spec, client string, objs []omni.Object) Finding {
	var given []string
	for i := range inv.DAGs {
		given = append(given, dagFQDN(&inv.DAGs[i]))
	}
	alias, host := aliasSigns(inv, client)
	dbs := strings.Join(dbNames(objs), ", ")
	ev := map[string]any{"client": client, "databases": dbNames(objs), "guids": guids(objs),
		"dags_given": given, "first_lines": lines(objs)}
	if rec := dnsRecord(inv, client); rec != "" {
		ev["alias_record"] = rec
	}
	var f Finding
	switch {
	case len(alias) > 0:
		ev["alias_signs"] = alias
		f = s.finding(Fail, client, fmt.Sprintf(
			"client %s holds Exchange databases %s but is not one of the DAG names given (%s), and it looks like an alias of a DAG: %s. GRE restores of these databases fail with %s. If %s is in fact a standalone Mailbox server or another DAG's own name, say so with --standalone %s or --dag %s, or give AD access so dpgre maps the databases to their DAG",
			client, dbs, strings.Join(given, ", "), strings.Join(alias, "; "), greError, client, client, client))
		f.Remediation = namesOnlyRemediation(inv, client, objs)
	case len(host) > 0:
		ev["host_signs"] = host
		f = s.finding(Info, client, fmt.Sprintf(
			"client %s holds Exchange databases %s and is not one of the DAG names given (%s); it looks like a physical Exchange server backed up under its own name (%s), which the GRE can restore from",
			client, dbs, strings.Join(given, ", "), strings.Join(host, "; ")))
		f.Remediation = fmt.Sprintf("nothing to do if %s is a standalone Mailbox server (say so with --standalone %s to record it); with AD access dpgre confirms which DAG, if any, owns %s", client, client, dbs)
	default:
		f = s.finding(Warn, client, fmt.Sprintf(
			"client %s holds Exchange databases %s and is not one of the DAG names given (%s); nothing offline tells whether it is a standalone Mailbox server (fine) or an alias of a DAG (GRE restores fail with %s)",
			client, dbs, strings.Join(given, ", "), greError))
		f.Remediation = fmt.Sprintf("tell dpgre: --standalone %s if it is a standalone Mailbox server; or run with AD access (--ldap-url, or --ad-ldif with an export) so dpgre maps the databases' GUIDs to their DAG. On Exchange: Get-MailboxDatabase %s | ft Name,MasterServerOrAvailabilityGroup. If a DAG owns them:\n%s",
			client, dbNames(objs)[0], namesOnlyRemediation(inv, client, objs))
	}
	f.Evidence = ev
	return f
}

func namesOnlyRemediation(inv *inventory.Inventory, client string, objs []omni.Object) string {
	if len(inv.DAGs) == 1 {
		d := &inv.DAGs[0]
		return aliasRemediation(client, d, nodeIPs(inv, d, client), dbNames(objs))
	}
	return "find the DAG that owns " + strings.Join(dbNames(objs), ", ") +
		" (Get-MailboxDatabase | ft Name,MasterServerOrAvailabilityGroup), then re-import that DAG under its own name as for a single DAG"
}

// aliasSigns collects, from the sources other than the directory, what
// marks client as a DAG alias (a virtual client over the nodes) or as a
// physical host.
func aliasSigns(inv *inventory.Inventory, client string) (alias, host []string) {
	if inv.Cell != nil {
		for _, c := range inv.Cell.Clients {
			if ok, _ := hostname.Match(c.Host, client); !ok {
				continue
			}
			switch {
			case hasToken(c.Other, "-virtual"):
				alias = append(alias, fmt.Sprintf("the cell imports it as a virtual client (%s line %d)", inv.Cell.Path, c.Line))
			case len(c.Components) == 0:
				alias = append(alias, fmt.Sprintf("the cell lists it with no installed component, as a virtual client is (%s line %d)", inv.Cell.Path, c.Line))
			default:
				host = append(host, fmt.Sprintf("the cell lists it with installed components (%s line %d)", inv.Cell.Path, c.Line))
			}
		}
	}
	if ips := resolvedIPs(inv, client, true); len(ips) > 1 {
		alias = append(alias, fmt.Sprintf("DNS resolves it to %d addresses (%s), a round-robin record", len(ips), strings.Join(ips, ", ")))
	}
	if strings.Contains(hostname.Short(client), "dag") {
		alias = append(alias, fmt.Sprintf("its name %q contains \"dag\"", hostname.Short(client)))
	}
	if sole, ok := soleOtherClient(inv); ok && sole == client {
		alias = append(alias, "the DAG(s) given have no Exchange objects under their own name and this is the only other client that has")
	}
	if len(alias) > 0 {
		host = nil // a virtual client's DNS or cell entry outweighs a physical-looking one
	}
	return alias, host
}

func hasToken(ts []string, want string) bool {
	for _, t := range ts {
		if strings.EqualFold(t, want) {
			return true
		}
	}
	return false
}

// soleOtherClient returns the one client holding E2010 objects that is
// neither a given DAG nor a given standalone server, when no given DAG has
// objects under its own name.
func soleOtherClient(inv *inventory.Inventory) (string, bool) {
	var others []string
	for client := range exchangeObjectsByClient(inv.Omnidb) {
		if d, _ := dagNamed(inv, client); d != nil {
			return "", false
		}
		if standaloneNamed(inv, client) == nil {
			others = append(others, client)
		}
	}
	if len(others) != 1 {
		return "", false
	}
	return others[0], true
}
