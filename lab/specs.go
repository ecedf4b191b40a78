package lab

import "fmt"

// testGUID is a stable, readable GUID: 0000000d-00db-4000-8000-<n>.
func testGUID(dagIdx, dbIdx int) string {
	return fmt.Sprintf("%08x-%04x-4000-8000-%012x", dagIdx, dbIdx&0xffff, dbIdx)
}

// AcceptanceSpec is the AD issue's acceptance lab: five DAGs (IP-less,
// static, DHCP), an organisation name with spaces, 1,200 databases in one
// DAG, a standalone server, recovery databases, a legacy admin group.
func AcceptanceSpec() ADSpec {
	s := ADSpec{Domain: "corp.example", Organization: "Contoso Holding, Europe", LegacyAdminGroup: true}
	for i := 0; i < 5; i++ {
		d := DAGSpec{Name: fmt.Sprintf("dag%02d", i+1)}
		switch i {
		case 1:
			d.IPs = []string{"10.20.0.50", "10.21.0.50"}
		case 3:
			d.IPs = []string{"0.0.0.0"}
		default:
			d.IPLess = true
		}
		for m := 0; m < 2+i%3; m++ {
			d.Members = append(d.Members, ServerSpec{Name: fmt.Sprintf("EX%02d%02d", i+1, m+1), IP: fmt.Sprintf("10.%d.0.%d", 20+i, 11+m)})
		}
		n := 3
		if i == 0 {
			n = 1200
		}
		for j := 0; j < n; j++ {
			d.Databases = append(d.Databases, DBSpec{Name: fmt.Sprintf("Mailbox Database %010d", i*100000+j), GUID: testGUID(i+1, j+1)})
		}
		d.Databases = append(d.Databases, DBSpec{Name: fmt.Sprintf("RDB%02d", i+1), GUID: testGUID(i+1, 0xfff0), Recovery: true})
		s.DAGs = append(s.DAGs, d)
	}
	s.Standalone = []ServerSpec{{Name: "EX2010", IP: "10.30.0.10", Databases: []DBSpec{
		{Name: "DB Legacy 1", GUID: testGUID(0xaa, 1)},
		{Name: "RDB Legacy", GUID: testGUID(0xaa, 2), Recovery: true},
	}}}
	return s
}

// ScaleSpec has n IP-less DAGs of two members and three databases each.
func ScaleSpec(n int) ADSpec { return ScaleSpecIn(n, "scale.example") }

// ScaleSpecIn is ScaleSpec in another DNS domain (the Samba lab's realm).
func ScaleSpecIn(n int, domain string) ADSpec {
	s := ADSpec{Domain: domain, Organization: "Scale Org"}
	for i := 0; i < n; i++ {
		d := DAGSpec{Name: fmt.Sprintf("sdag%04d", i), IPLess: true}
		for m := 0; m < 2; m++ {
			d.Members = append(d.Members, ServerSpec{Name: fmt.Sprintf("SX%04d%d", i, m), IP: fmt.Sprintf("10.%d.%d.%d", 100+i/250, i%250, 11+m)})
		}
		for j := 0; j < 3; j++ {
			d.Databases = append(d.Databases, DBSpec{Name: fmt.Sprintf("SDB%04d-%d", i, j), GUID: testGUID(0x1000+i, j+1)})
		}
		s.DAGs = append(s.DAGs, d)
	}
	return s
}
