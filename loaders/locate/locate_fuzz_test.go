package locate_test

import (
	"errors"
	"io/fs"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/loaders"
	"github.com/chaingraph/chaingraph/loaders/locate"
	"github.com/chaingraph/chaingraph/seeds"
)

// fuzzGazetteer is the gazetteer the loader builds over the seeds: their regions (with their
// aliases) and development zones.
type fuzzPlaces struct {
	g       *locate.Gazetteer
	regions map[string]graph.Region // by id
}

var fuzzGazetteerOnce = sync.OnceValues(func() (fuzzPlaces, error) {
	// The seeds' regions and their aliases (with the plan their evidence quotes): the gazetteer
	// needs no chains, and loading only these keeps the fuzzer's start (and go test -race) short.
	part := fstest.MapFS{}
	for _, dir := range []string{"hubei", "places", "plan"} {
		files, err := fs.Glob(seeds.FS, dir+"/*")
		if err != nil {
			return fuzzPlaces{}, err
		}
		for _, p := range files {
			data, err := fs.ReadFile(seeds.FS, p)
			if err != nil {
				return fuzzPlaces{}, err
			}
			part[p] = &fstest.MapFile{Data: data}
		}
	}
	ds, err := loaders.Build(loaders.Source{Name: "seeds", FS: part})
	if err != nil {
		return fuzzPlaces{}, err
	}
	zones, err := locate.SeedZones()
	if err != nil {
		return fuzzPlaces{}, err
	}
	byID := map[string]graph.Region{}
	aliases := map[string]string{}
	for _, r := range ds.Regions {
		byID[r.ID] = r
		for _, a := range r.Aliases {
			aliases[a] = r.ID
		}
	}
	return fuzzPlaces{locate.New(ds.Regions, aliases, zones), byID}, nil
})

func fuzzGazetteer() (*locate.Gazetteer, map[string]graph.Region, error) {
	p, err := fuzzGazetteerOnce()
	return p.g, p.regions, err
}

// FuzzLocate: whatever a registry export's county, credit code and address columns hold, Locate
// returns quickly; a place is a region of the seeds, found by a method whose column was given,
// with alternatives that are other regions of the seeds; and a firm with only a county column is
// placed as ByCounty places it (the same for an address alone and a code alone).
func FuzzLocate(f *testing.F) {
	for _, c := range [][3]string{
		{"江夏区", "", ""},
		{"湖北省襄陽市樊城區", "", ""},
		{"监利县", "", ""},
		{"421023", "", ""},
		{"东湖高新区", "", ""},
		{"", "", "湖北省武汉市东湖新技术开发区高新大道999号"},
		{"", "", "武汉市光谷大道77号"},
		{"", "", "中国湖北省宜昌市猇亭区"},
		{"", "91420100MAEC200T12", ""},
		{"", "91420000798750168P", ""},
		{"", "91350100M000100Y43", ""},
		{"武汉市", "91420100MAEC200T12", "武汉市江夏区庙山"},
		{"宜都市", "91420581MA49T3E406", "宜都市某工业园2号"},
		{"随州市随县", "", "随县"},
		{"", "", strings.Repeat("武汉市", 300)},
		{"\xff", "\xfe", "\xfd"},
	} {
		f.Add(c[0], c[1], c[2])
	}
	f.Fuzz(func(t *testing.T, county, code, address string) {
		g, regions, err := fuzzGazetteer()
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		p, err := g.Locate(county, code, address)
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("Locate of %d+%d+%d bytes took %v", len(county), len(code), len(address), d)
		}
		given := map[string]bool{locate.MethodCounty: strings.TrimSpace(county) != "", locate.MethodCreditCode: strings.TrimSpace(code) != "", locate.MethodAddress: strings.TrimSpace(address) != ""}
		if err != nil {
			if err.Error() == "" {
				t.Error("an error without a message")
			}
			if p.RegionID != "" {
				t.Errorf("Locate = %+v with error %v", p, err)
			}
		} else {
			checkPlace(t, regions, p)
			if !given[p.Method] {
				t.Errorf("Locate(%q, %q, %q) placed by %s, which was not given", county, code, address, p.Method)
			}
		}
		alone := []struct {
			method string
			by     func(string) (locate.Place, error)
			in     string
			args   [3]string
		}{
			{locate.MethodCounty, g.ByCounty, county, [3]string{county, "", ""}},
			{locate.MethodCreditCode, g.ByCreditCode, code, [3]string{"", code, ""}},
			{locate.MethodAddress, g.ByAddress, address, [3]string{"", "", address}},
		}
		for _, a := range alone {
			if !given[a.method] {
				continue
			}
			want, werr := a.by(a.in)
			got, gerr := g.Locate(a.args[0], a.args[1], a.args[2])
			if (werr == nil) != (gerr == nil) || got.RegionID != want.RegionID {
				t.Errorf("by %s alone, Locate = %q, %v; want %q, %v", a.method, got.RegionID, gerr, want.RegionID, werr)
			}
			if werr == nil {
				checkPlace(t, regions, want)
				if want.Method != a.method {
					t.Errorf("By %s placed by %s", a.method, want.Method)
				}
			}
		}
	})
}

func checkPlace(t *testing.T, regions map[string]graph.Region, p locate.Place) {
	t.Helper()
	if _, ok := regions[p.RegionID]; !ok {
		t.Errorf("placed at %q, not a region of the seeds: %+v", p.RegionID, p)
	}
	for _, a := range p.Alternatives {
		if _, ok := regions[a]; !ok || a == p.RegionID {
			t.Errorf("alternative %q of %+v is not another region of the seeds", a, p)
		}
	}
	if p.Detail == "" {
		t.Errorf("a place without a detail: %+v", p)
	}
}

// creditAlphabet and the weights are GB 32100-2015's, written out again here rather than taken
// from the package: a code the test builds is checked by its own arithmetic.
const creditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

var departmentTypes = []string{"1239", "19", "123459", "19", "1239", "129", "129", "19", "123", "19", "1239", "1"}

const departments = "123456789ANY"

// orgCheckChar is GB 11714's check character over 8 body characters (A=10 … Z=35).
func orgCheckChar(body string) byte {
	weights := []int{3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := range 8 {
		v := strings.IndexByte("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", body[i])
		sum += v * weights[i]
	}
	switch c := 11 - sum%11; c {
	case 10:
		return 'X'
	case 11:
		return '0'
	default:
		return byte('0' + c)
	}
}

// creditCheckChar is the 18th character: weights 3^(i-1) mod 31 for positions 1..17.
func creditCheckChar(s string) byte {
	sum, w := 0, 1
	for i := range 17 {
		sum += strings.IndexByte(creditAlphabet, s[i]) * w
		w = w * 3 % 31
	}
	return creditAlphabet[(31-sum%31)%31]
}

// fuzzCode builds a well-formed credit code from arbitrary numbers: department and type, six
// division digits, an 8-character organisation body of the code's alphabet, and both checks.
func fuzzCode(dept, typ uint8, div uint32, body []byte) string {
	d := int(dept) % len(departments)
	types := departmentTypes[d]
	var b strings.Builder
	b.WriteByte(departments[d])
	b.WriteByte(types[int(typ)%len(types)])
	digits := div % 1000000
	for p := 100000; p > 0; p /= 10 {
		b.WriteByte(byte('0' + digits/uint32(p)%10))
	}
	org := make([]byte, 8)
	for i := range org {
		v := 0
		if i < len(body) {
			v = int(body[i])
		}
		org[i] = creditAlphabet[v%len(creditAlphabet)]
	}
	b.Write(org)
	oc := orgCheckChar(string(org))
	if strings.IndexByte(creditAlphabet, oc) < 0 {
		return "" // an organisation check outside the credit code's set cannot be written
	}
	b.WriteByte(oc)
	s := b.String()
	return s + string(creditCheckChar(s))
}

// FuzzCreditCode: a code built with the correct check characters verifies (also in lower case
// and with spaces around it), and every change of one character of it is flagged: the 18th
// (with the right character named), or any of the first 17 (MOD 31,3 catches every single
// substitution). Any string at all gets a *CheckError at a position 0..18 or verifies; a code
// flagged only at its check character verifies once it ends in the character named.
func FuzzCreditCode(f *testing.F) {
	f.Add(uint8(8), uint8(0), uint32(420100), []byte("MAEC200T"), "91420100MAEC200T12", uint8(17), uint8(3))
	f.Add(uint8(8), uint8(0), uint32(420581), []byte("MA49T3E4"), "91420581MA49T3E406", uint8(3), uint8(5))
	f.Add(uint8(0), uint8(1), uint32(350200), []byte("15498973"), "123502001549897397", uint8(0), uint8(0))
	f.Add(uint8(11), uint8(0), uint32(420000), []byte("79875016"), "91350211M00013FA1N", uint8(8), uint8(30))
	f.Add(uint8(3), uint8(9), uint32(999999), []byte{0, 255, 31, 62}, "91420100MAEC200T1O", uint8(16), uint8(1))
	f.Add(uint8(1), uint8(1), uint32(0), []byte{}, "9142０100MAEC200T12", uint8(2), uint8(2))
	f.Fuzz(func(t *testing.T, dept, typ uint8, div uint32, body []byte, any string, pos, delta uint8) {
		checkAny(t, any)
		code := fuzzCode(dept, typ, div, body)
		if code == "" {
			return
		}
		want, err := locate.CheckCreditCode(code)
		if err != nil || want != code[17] {
			t.Fatalf("CheckCreditCode(%s) = %c, %v; the code was built with both checks", code, want, err)
		}
		if _, err := locate.CheckCreditCode("  " + strings.ToLower(code) + "\t"); err != nil {
			t.Errorf("CheckCreditCode of %s in lower case with spaces: %v", code, err)
		}
		// one character changed, to another of the set
		i := int(pos) % 18
		old := strings.IndexByte(creditAlphabet, code[i])
		changed := code[:i] + string(creditAlphabet[(old+1+int(delta)%30)%31]) + code[i+1:]
		got, err := locate.CheckCreditCode(changed)
		var ce *locate.CheckError
		if err == nil {
			t.Fatalf("%s verifies, but it is %s with character %d changed", changed, code, i+1)
		}
		if !errors.As(err, &ce) {
			t.Fatalf("CheckCreditCode(%s) = %T %v; want a *CheckError", changed, err, err)
		}
		if i == 17 && (ce.Pos != 18 || got != code[17]) {
			t.Errorf("CheckCreditCode(%s) = %c, %v; want the check character flagged, %c named", changed, got, err, code[17])
		}
	})
}

// checkAny: any string verifies or gets a *CheckError at a position 0..18; a code flagged at
// 18th character (one of the set) verifies once it ends in the character the error names.
func checkAny(t *testing.T, s string) {
	t.Helper()
	want, err := locate.CheckCreditCode(s)
	if err == nil {
		c := strings.ToUpper(strings.TrimSpace(s))
		if len(c) != 18 || strings.Trim(c, creditAlphabet) != "" || want != c[17] || creditCheckChar(c) != c[17] || orgCheckChar(c[8:16]) != c[16] {
			t.Errorf("CheckCreditCode(%q) verifies, but the test's own arithmetic does not (check %c)", s, want)
		}
		return
	}
	var ce *locate.CheckError
	if !errors.As(err, &ce) || ce.Pos < 0 || ce.Pos > 18 {
		t.Fatalf("CheckCreditCode(%q) = %T %v; want a *CheckError at a position 0..18", s, err, err)
	}
	if c := strings.ToUpper(strings.TrimSpace(s)); ce.Pos == 18 && len(c) == 18 && strings.IndexByte(creditAlphabet, c[17]) >= 0 {
		if want == 0 || want == c[17] {
			t.Fatalf("CheckCreditCode(%q) flags the check character but names %q", s, want)
		}
		if _, err := locate.CheckCreditCode(c[:17] + string(want)); err != nil {
			t.Errorf("CheckCreditCode(%q) says the check should be %c, but with it: %v", s, want, err)
		}
	}
}
