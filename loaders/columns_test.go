package loaders

import "testing"

// Every header cell must name at most one column of a format, else which one it binds to
// would depend on map order.
func TestAliasesAreUnambiguous(t *testing.T) {
	all := map[string]format{"manifest": manifestFormat}
	for k, f := range formats {
		all[k] = f
	}
	for kind, spec := range all {
		seen := map[string]string{}
		for _, c := range spec.columns() {
			for _, name := range append([]string{c}, columnAliases[c]...) {
				key := foldHeader(name)
				if prev, dup := seen[key]; dup && prev != c {
					t.Errorf("%s: header %q names both %s and %s", kind, name, prev, c)
				}
				seen[key] = c
			}
		}
	}
}

func TestFoldHeader(t *testing.T) {
	for in, want := range map[string]string{
		"Credit Code": "creditcode", "credit_code": "creditcode", "ＣＲＥＤＩＴ＿ＣＯＤＥ": "creditcode",
		"注册资本（万元）": "注册资本", " *企业名称 ": "企业名称", "\ufeffname": "\ufeffname",
	} {
		if got := foldHeader(in); got != want {
			t.Errorf("foldHeader(%q) = %q, want %q", in, got, want)
		}
	}
}
