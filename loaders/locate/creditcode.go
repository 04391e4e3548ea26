package locate

import (
	"fmt"
	"strings"
)

// creditAlphabet is GB 32100-2015's character set in value order (0..30): the digits and the
// capitals without I, O, S, V, Z.
const creditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// creditWeights are 3^i mod 31 for positions 1..17 (GB 32100-2015, 4.2 / GB/T 17710 MOD 31,3).
var creditWeights = func() [17]int {
	var w [17]int
	p := 1
	for i := range w {
		w[i] = p
		p = p * 3 % 31
	}
	return w
}()

// registrationTypes are the valid pairs of char 1 (registering department) and char 2 (type).
// GB 32100-2015 Table 1 names 1 机构编制, 5 民政, 9 工商 and Y 其他; the other departments
// (2 外交 … N 农业) were added later and registries issue them today; several public validators
// (Go, Java, Python and JavaScript ones found by text search) list this same table.
var registrationTypes = map[byte]string{
	'1': "1239",   // 机构编制: 机关, 事业单位, 中央编办直管群众团体, 其他
	'2': "19",     // 外交
	'3': "123459", // 司法行政: 律师执业机构, 公证处, 基层法律服务所, 司法鉴定机构, 仲裁委员会, 其他
	'4': "19",     // 文化
	'5': "1239",   // 民政: 社会团体, 民办非企业单位, 基金会, 其他
	'6': "129",    // 旅游
	'7': "129",    // 宗教
	'8': "19",     // 工会
	'9': "123",    // 工商: 企业, 个体工商户, 农民专业合作社
	'A': "19",     // 中央军委改革和编制办公室
	'N': "1239",   // 农业: 组级, 村级, 乡镇级集体经济组织, 其他
	'Y': "1",      // 其他
}

// CheckError is a credit code that fails GB 32100-2015; Pos is the 1-based character at
// fault (0 for the length).
type CheckError struct {
	Code    string
	Pos     int
	Message string
}

func (e *CheckError) Error() string {
	if e.Pos == 0 {
		return fmt.Sprintf("credit code %q: %s", e.Code, e.Message)
	}
	return fmt.Sprintf("credit code %q: character %d: %s", e.Code, e.Pos, e.Message)
}

// CheckCreditCode verifies a 统一社会信用代码 against GB 32100-2015: 18 characters of its set
// (0-9, A-H J-N P-R T-U W-Y), a known registering department and type (chars 1–2), six digits
// of division code (3–8; only their form is checked here, Locate resolves them), the organisation
// code's own check character (GB 11714, chars 9–17), and the 18th check character (weights
// 3^i mod 31). Once the characters are all of the set and chars 1–16 are well formed, it returns
// the check character the first 17 call for, also with an error, so a caller can say "should end
// in X". Lower case and surrounding space are accepted.
func CheckCreditCode(code string) (wantCheck byte, err error) {
	c := strings.ToUpper(strings.TrimSpace(code))
	if n := len([]rune(c)); n != 18 {
		return 0, &CheckError{Code: code, Message: fmt.Sprintf("has %d characters, a credit code has 18", n)}
	}
	for i := 0; i < 18; i++ {
		if strings.IndexByte(creditAlphabet, c[i]) < 0 {
			return 0, &CheckError{Code: code, Pos: i + 1, Message: fmt.Sprintf("%q is not in the code's character set (0-9, A-H, J-N, P-R, T, U, W-Y; never I, O, S, V, Z)", c[i])}
		}
	}
	types, ok := registrationTypes[c[0]]
	if !ok {
		return 0, &CheckError{Code: code, Pos: 1, Message: fmt.Sprintf("registering department %q is unknown (1 机构编制, 5 民政, 9 工商, Y 其他, and 2-4, 6-8, A, N)", c[0])}
	}
	if strings.IndexByte(types, c[1]) < 0 {
		return 0, &CheckError{Code: code, Pos: 2, Message: fmt.Sprintf("type %q is not one of department %c's types (%s)", c[1], c[0], strings.Join(strings.Split(types, ""), ", "))}
	}
	for i := 2; i < 8; i++ {
		if c[i] < '0' || c[i] > '9' {
			return 0, &CheckError{Code: code, Pos: i + 1, Message: "characters 3–8 are a division code: digits only"}
		}
	}
	org, ok := orgCheck(c[8:16])
	if !ok {
		return 0, &CheckError{Code: code, Pos: 9, Message: "characters 9–16 of the organisation code are digits or capitals"}
	}
	want := creditCheck(c[:17])
	if c[16] != org {
		// Both checks are reported: the 18th as computed over the 17 given, and what it would
		// be once character 17 is corrected, since either character may be the mistyped one.
		fixed := creditCheck(c[:16] + string(org))
		return want, &CheckError{Code: code, Pos: 17, Message: fmt.Sprintf("organisation code %s fails its GB 11714 check: character 17 should be %c, not %c (then the 18th should be %c); as given, the 18th should be %c, not %c", c[8:17], org, c[16], fixed, want, c[17])}
	}
	if c[17] != want {
		return want, &CheckError{Code: code, Pos: 18, Message: fmt.Sprintf("check character is %c; for %s it should be %c", c[17], c[:17], want)}
	}
	return want, nil
}

// creditCheck is the 18th character for the first 17 (all in creditAlphabet).
func creditCheck(s string) byte {
	sum := 0
	for i := 0; i < 17; i++ {
		sum += strings.IndexByte(creditAlphabet, s[i]) * creditWeights[i]
	}
	return creditAlphabet[(31-sum%31)%31]
}

// orgWeights are GB 11714-1997's weights for the 8 body characters of an organisation code.
var orgWeights = [8]int{3, 7, 9, 10, 5, 8, 4, 2}

// orgCheck is the 9th character of an organisation code: 11 - Σ mod 11, 10 → X, 11 → 0. The
// body's letters count A=10 … Z=35.
func orgCheck(body string) (byte, bool) {
	sum := 0
	for i := 0; i < 8; i++ {
		ch := body[i]
		var v int
		switch {
		case ch >= '0' && ch <= '9':
			v = int(ch - '0')
		case ch >= 'A' && ch <= 'Z':
			v = int(ch-'A') + 10
		default:
			return 0, false
		}
		sum += v * orgWeights[i]
	}
	switch r := 11 - sum%11; r {
	case 10:
		return 'X', true
	case 11:
		return '0', true
	default:
		return byte('0' + r), true
	}
}
