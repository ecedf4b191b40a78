#!/usr/bin/env bash
# AD discovery speed against the Samba lab, at 10, 100 and 1,000 DAGs:
# `dpgre dag list` (directory only) versus ldapsearch fetching the same
# entries (the Exchange subtree and the computer accounts, paged), with the
# LDAP search count dpgre used. Root; each size provisions the lab anew.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d /tmp/dpgre-bench-ad.XXXXXX)
trap 'bash testenv/samba-lab.sh down >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
go build -o "$work/dpgre" ./cmd/dpgre
go build -o "$work/benchcmp" ./internal/gen/benchcmp
: >"$work/no-dns.txt"
for n in ${SIZES:-10 100 1000}; do
	go run ./internal/gen/labldif -what ldif -dags "$n" >"$work/scenario-$n.ldif"
	DPGRE_LAB_SCENARIO="$work/scenario-$n.ldif" DPGRE_LAB_DNSFILE="$work/no-dns.txt" \
		bash testenv/samba-lab.sh up 2>/dev/null
	echo "== $n DAGs ($(grep -c '^dn:' "$work/scenario-$n.ldif") objects) =="
	N="$n" WORK="$work" bash testenv/samba-lab.sh exec bash -c '
		set -e
		tr -d "\n" <"$DPGRE_LAB_PWFILE" >"$WORK/pw.nonl"; chmod 600 "$WORK/pw.nonl"
		base="CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=corp,DC=example"
		filter="(|(objectClass=msExchMDBAvailabilityGroup)(objectClass=msExchExchangeServer)(objectClass=msExchPrivateMDB)(objectClass=msExchOrganizationContainer))"
		flags="--ldap-url ldaps://$DPGRE_LAB_HOST --ca-file $DPGRE_LAB_CA --bind-user $DPGRE_LAB_ADMIN --bind-password-file $DPGRE_LAB_PWFILE --no-resolve"
		"$WORK/dpgre" dag list $flags --log-level info --format json 2>&1 >/dev/null | grep -o "in [0-9]* LDAP search(es)"
		cat >"$WORK/ldapsearch.sh" <<EOS
export LDAPTLS_CACERT=$DPGRE_LAB_CA
ldapsearch -LLL -o ldif-wrap=no -H ldaps://$DPGRE_LAB_HOST -x -D $DPGRE_LAB_ADMIN -y $WORK/pw.nonl -E pr=500/noprompt -b "$base" "$filter" objectClass cn objectGUID msExchMDBAvailabilityGroupIPv4Addresses msExchMDBAvailabilityGroupBL msExchMDBAvailabilityGroupLink networkAddress msExchCurrentServerRoles serialNumber msExchMasterServerOrAvailabilityGroup msExchOwningServer msExchEDBFile msExchRestore >/dev/null
ldapsearch -LLL -o ldif-wrap=no -H ldaps://$DPGRE_LAB_HOST -x -D $DPGRE_LAB_ADMIN -y $WORK/pw.nonl -E pr=500/noprompt -b DC=corp,DC=example "\$1" cn dNSHostName objectClass >/dev/null
EOS
		# dpgre asks for the servers computer accounts by name (one OR filter);
		# ldapsearch is timed with that filter and with all computers.
		or="(&(objectCategory=computer)(|"
		for i in $(seq 0 $((N - 1))); do for m in 0 1; do or="$or(dNSHostName=sx$(printf %04d "$i")$m.corp.example)"; done; done
		or="$or))"
		"$WORK/benchcmp" -n 5 -- "$WORK/dpgre" dag list $flags --format json \
			::: bash "$WORK/ldapsearch.sh" "$or" ::: bash "$WORK/ldapsearch.sh" "(objectCategory=computer)"
	'
	bash testenv/samba-lab.sh down 2>/dev/null
done
