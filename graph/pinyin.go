package graph

import (
	"strings"
	"unicode"

	"github.com/mozillazg/go-pinyin"
)

// Pinyin readings for name resolution. A name is read with go-pinyin's first (most common)
// reading of each character, toneless, except where a word in placeReadings says otherwise.
// Indexing every reading combination instead would make 长阳 also answer to zhangyang and 宜都
// to yidou, and such made-up readings can collide with real names: an ambiguity nobody could
// understand. The default is wrong for only a handful of Hubei's 117 region names, so those are
// listed (TestRegionReadings pins every seed region's reading, checked by hand).

// placeReadings are place names whose reading is not each character's most common one, with the
// official romanization as evidence (the places' names in the Ministry of Civil Affairs'
// 行政区划 list and their English Wikipedia articles: Huangpi District, Changyang Tujia
// Autonomous County, Yidu, Zengdu District). Longer words win; each must be one of the
// characters' readings in go-pinyin's table (TestPlaceReadingsAreReadings).
var placeReadings = map[string][]string{
	"黄陂": {"huang", "pi"},   // 陂 pí in this name; the table's first reading is bēi
	"长阳": {"chang", "yang"}, // 长 cháng (long), not zhǎng (grow): Changyang
	"宜都": {"yi", "du"},      // 都 dū (city), not dōu (all)
	"曾都": {"zeng", "du"},    // 曾 zēng (the state of Zeng), not céng; 都 dū
}

// placeReadingRunes is the longest word in placeReadings, in runes.
var placeReadingRunes = func() int {
	n := 0
	for w := range placeReadings {
		n = max(n, len([]rune(w)))
	}
	return n
}()

var pinyinArgs = pinyin.NewArgs() // toneless (pinyin.Normal), one reading per character

// PinyinOf is how a name reads in toneless pinyin, lower case, without separators: 武汉市 →
// wuhanshi, 3D打印 → 3ddayin (ASCII letters and digits are kept, punctuation and spaces
// dropped; ü is written v, as pinyin keyboards type it). It returns "" for a name with no
// Chinese character (ids and ASCII aliases match as they are) or with a character that has no
// reading, rather than a partial reading that could match something else.
func PinyinOf(name string) string {
	s := Normalize(name)
	runes := []rune(s)
	var b strings.Builder
	han := false
	for i := 0; i < len(runes); {
		if word, reading := placeReadingAt(runes[i:]); word > 0 {
			b.WriteString(strings.Join(reading, ""))
			i += word
			han = true
			continue
		}
		r := runes[i]
		i++
		switch {
		case unicode.Is(unicode.Han, r):
			py := pinyin.SinglePinyin(r, pinyinArgs)
			if len(py) == 0 {
				return ""
			}
			b.WriteString(py[0])
			han = true
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(unicode.ToLower(r))
		}
	}
	if !han {
		return ""
	}
	return b.String()
}

// placeReadingAt returns the length in runes and the reading of the longest word of
// placeReadings that rs starts with, or 0.
func placeReadingAt(rs []rune) (int, []string) {
	for n := min(placeReadingRunes, len(rs)); n >= 2; n-- {
		if reading, ok := placeReadings[string(rs[:n])]; ok {
			return n, reading
		}
	}
	return 0, nil
}

// pinyinSpellings are the keys a name is indexed under: its reading with ü as v, and the same
// with ü as u (people type lvyou and luyou for 旅游).
func pinyinSpellings(name string) []string {
	key := PinyinOf(name)
	if key == "" {
		return nil
	}
	if u := strings.ReplaceAll(key, "v", "u"); u != key && !strings.ContainsAny(name, "vV") {
		return []string{key, u}
	}
	return []string{key}
}

// toneless maps pinyin vowels with tone marks (and ü) to what a toneless key spells.
var toneless = strings.NewReplacer(
	"ā", "a", "á", "a", "ǎ", "a", "à", "a",
	"ē", "e", "é", "e", "ě", "e", "è", "e",
	"ī", "i", "í", "i", "ǐ", "i", "ì", "i",
	"ō", "o", "ó", "o", "ǒ", "o", "ò", "o",
	"ū", "u", "ú", "u", "ǔ", "u", "ù", "u",
	"ǖ", "v", "ǘ", "v", "ǚ", "v", "ǜ", "v", "ü", "v",
	"ń", "n", "ň", "n", "ǹ", "n", "ḿ", "m",
)

// pinyinInput is what the user typed as a pinyin key: case, tone marks, full-width letters,
// spaces, hyphens, apostrophes (xi'an) and dots dropped, so that Xiangyang, xiang yang,
// xiang-yang and Xiāngyáng are one key. ok is false when in is not pinyin: it has a Chinese
// character or other non-Latin text, or no letter at all.
func pinyinInput(in string) (key string, ok bool) {
	in = toneless.Replace(strings.ToLower(in))
	var b strings.Builder
	letters := 0
	for _, r := range in {
		if r >= 0xFF01 && r <= 0xFF5E { // full-width ASCII, as a Chinese IME may type it
			r = unicode.ToLower(r - 0xFEE0)
		}
		switch {
		case r >= 'a' && r <= 'z':
			letters++
			b.WriteRune(r)
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case unicode.IsSpace(r) || strings.ContainsRune("-_'’·.", r):
		default:
			return "", false
		}
	}
	return b.String(), letters > 0
}
