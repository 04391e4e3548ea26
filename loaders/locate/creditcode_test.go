package locate_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/chaingraph/chaingraph/loaders/locate"
)

// knownGood are credit codes quoted in public sources, each passing both checks. Where a code
// came from is what makes it a test vector: a code we computed would only test the code against
// itself.
var knownGood = []struct{ code, source string }{
	{"91310115591693856A", "dromara/hutool CreditCodeUtilTest (isCreditCodeBySimple)"},
	{"91310110666007217T", "dromara/hutool CreditCodeUtilTest (isCreditCode)"},
	{"91350100M000100Y43", "quoted as the example in gancao-web/base-tools docs/api/ts/validator/isTaxID.md"},
	{"91350200776049653A", "02020/vite learn/utils/validateSocialCreditCode.js, list of real codes"},
	{"91350503MA31DKY80A", "02020/vite learn/utils/validateSocialCreditCode.js"},
	{"91440101MA5CJQ4N59", "02020/vite learn/utils/validateSocialCreditCode.js"},
	{"913502000728319549", "02020/vite learn/utils/validateSocialCreditCode.js"},
	{"123502001549897397", "02020/vite learn/utils/validateSocialCreditCode.js (a 机构编制/事业单位 code)"},
	{"9135021359498494XQ", "02020/vite learn/utils/validateSocialCreditCode.js (organisation check X)"},
	{"91350213678251743X", "02020/vite learn/utils/validateSocialCreditCode.js (18th check X)"},
	{"91420100MAEC200T12", "a Wuhan firm's code quoted in a public GitHub page (武汉聚财众发私募基金管理有限公司, 经开区)"},
	{"91420000798750168P", "a Hubei code quoted in a public GitHub document generator"},
	{"91420100MAKBNJMC9W", "a Wuhan site footer in a public GitHub repository"},
}

func TestCheckCreditCodeKnownGood(t *testing.T) {
	for _, k := range knownGood {
		want, err := locate.CheckCreditCode(k.code)
		if err != nil {
			t.Errorf("%s (%s): %v", k.code, k.source, err)
		}
		if want != k.code[17] {
			t.Errorf("%s: check character %c", k.code, want)
		}
	}
}

func TestCheckCreditCodeKnownBad(t *testing.T) {
	for _, tc := range []struct {
		code      string
		wantCheck byte
		pos       int
		says      string
	}{
		// A made-up Wuhan code: its organisation code fails (char 17 should be 2); the 18th
		// characters for the code as given and as corrected are both named (next test).
		{"91420100MA4K000000", 0, 17, "character 17 should be 2"},
		// hutool: an early pilot-region code that does not meet the standard.
		{"91350211M00013FA1N", '3', 18, "should be 3"},
		// 02020/vite special-cases this one as an exception: its 18th character is wrong.
		{"91350203M0001QAY9B", '9', 18, "should be 9"},
		// Quoted as an example on a page (www.3dmxku.com): not a valid code.
		{"91440300713555564J", 0, 17, "should be 7"},
		{"91420100MAEC200T1", 0, 0, "has 17 characters"},
		{"91420100MAEC200T1O", 0, 18, "not in the code's character set"},
		{"83420100MAEC200T12", 0, 2, "not one of department 8's types"},
		{"B1420100MAEC200T12", 0, 1, "registering department"},
		{"914201A0MAEC200T12", 0, 7, "digits only"},
	} {
		want, err := locate.CheckCreditCode(tc.code)
		var ce *locate.CheckError
		if !errors.As(err, &ce) {
			t.Errorf("%s: %v; want a CheckError", tc.code, err)
			continue
		}
		if ce.Pos != tc.pos || !strings.Contains(err.Error(), tc.says) {
			t.Errorf("%s: %v (position %d); want position %d saying %q", tc.code, err, ce.Pos, tc.pos, tc.says)
		}
		if tc.wantCheck != 0 && want != tc.wantCheck {
			t.Errorf("%s: names %c; want %c", tc.code, want, tc.wantCheck)
		}
	}
}

// TestMA4KNamesBothFixes pins the brief's code: the error names the 18th character for the 17
// given and the one that goes with a corrected 17th, and the corrected code passes.
func TestMA4KNamesBothFixes(t *testing.T) {
	want, err := locate.CheckCreditCode("91420100MA4K000000")
	if err == nil {
		t.Fatal("91420100MA4K000000 passed")
	}
	if !strings.Contains(err.Error(), "as given, the 18th should be "+string(want)) {
		t.Errorf("%v: does not name %c", err, want)
	}
	i := strings.Index(err.Error(), "then the 18th should be ")
	fixed := "91420100MA4K00002" + err.Error()[i+len("then the 18th should be "):][:1]
	if _, err := locate.CheckCreditCode(fixed); err != nil {
		t.Errorf("corrected %s: %v", fixed, err)
	}
	if _, err := locate.CheckCreditCode("91420100MA4K0000" + "0" + string(want)); err == nil {
		t.Errorf("the 18th alone cannot mend a failing organisation code")
	}
}

const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// Every single-character change of a good code to another character of the set is caught.
func TestCheckCreditCodeCatchesEverySingleChange(t *testing.T) {
	for _, k := range knownGood {
		for i := 0; i < 18; i++ {
			for _, r := range alphabet {
				if byte(r) == k.code[i] {
					continue
				}
				bad := k.code[:i] + string(r) + k.code[i+1:]
				if _, err := locate.CheckCreditCode(bad); err == nil {
					t.Errorf("%s → %s (character %d): passed", k.code, bad, i+1)
				}
			}
		}
	}
}

// Swapping two adjacent different characters is caught too: within characters 1–17 always
// (adjacent weights differ mod 31, a prime); the 17/18 swap is caught for these vectors.
func TestCheckCreditCodeCatchesTranspositions(t *testing.T) {
	for _, k := range knownGood {
		for i := 0; i+1 < 18; i++ {
			if k.code[i] == k.code[i+1] {
				continue
			}
			b := []byte(k.code)
			b[i], b[i+1] = b[i+1], b[i]
			if _, err := locate.CheckCreditCode(string(b)); err == nil {
				t.Errorf("%s → %s: passed", k.code, b)
			}
		}
	}
}

func TestCheckCreditCodeNormalises(t *testing.T) {
	if _, err := locate.CheckCreditCode("  91420100maec200t12 "); err != nil {
		t.Error(err)
	}
}
