package graph

import (
	"slices"
	"strings"
	"testing"

	"github.com/mozillazg/go-pinyin"
)

func TestPinyinOf(t *testing.T) {
	for _, tc := range []struct{ name, want string }{
		{"武汉市", "wuhanshi"},
		{"襄陽市", "xiangyangshi"}, // traditional script reads as simplified
		{"长阳土家族自治县", "changyangtujiazuzizhixian"},
		{"黄陂区", "huangpiqu"},
		{"宜都市", "yidushi"},
		{"曾都区", "zengduqu"},
		{"蔡甸区", "caidianqu"},
		{"3D打印", "3ddayin"}, // ASCII kept, lower case
		{"关键基础零部件、元器件", "guanjianjichulingbujianyuanqijian"}, // punctuation dropped
		{"旅游", "lvyou"},
		{"ICT", ""}, // no Chinese: matches as it is, not as pinyin
		{"", ""},
	} {
		if got := PinyinOf(tc.name); got != tc.want {
			t.Errorf("PinyinOf(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
	if got, want := pinyinSpellings("旅游"), []string{"lvyou", "luyou"}; !slices.Equal(got, want) {
		t.Errorf("pinyinSpellings(旅游) = %v, want %v", got, want)
	}
}

// TestPlaceReadingsAreReadings: each override is, character by character, one of the readings
// go-pinyin knows for it, so that a typo in the table cannot invent a syllable.
func TestPlaceReadingsAreReadings(t *testing.T) {
	all := pinyin.NewArgs()
	all.Heteronym = true
	for word, reading := range placeReadings {
		runes := []rune(word)
		if len(runes) != len(reading) {
			t.Errorf("%s: %d syllables for %d characters", word, len(reading), len(runes))
			continue
		}
		for i, r := range runes {
			if readings := pinyin.SinglePinyin(r, all); !slices.Contains(readings, reading[i]) {
				t.Errorf("%s: %c read %q, want one of %v", word, r, reading[i], readings)
			}
		}
		if PinyinOf(word) == strings.Join(pinyin.LazyPinyin(word, pinyinArgs), "") {
			t.Errorf("%s: the override reads as the default %q; drop it", word, PinyinOf(word))
		}
	}
}

func TestPinyinInput(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
		ok   bool
	}{
		{"xiangyang", "xiangyang", true},
		{"Xiang Yang", "xiangyang", true},
		{"xiang-yang", "xiangyang", true},
		{"Xiāngyáng", "xiangyang", true},
		{"ｗｕｈａｎ", "wuhan", true}, // full-width, as a Chinese IME types it
		{"xi'an", "xian", true},
		{"lǚyóu", "lvyou", true},
		{"3d dayin", "3ddayin", true},
		{"襄阳", "", false},
		{"xiang阳", "", false},
		{"420600", "", false}, // a code, not pinyin
		{"--", "", false},
	} {
		got, ok := pinyinInput(tc.in)
		if ok != tc.ok || ok && got != tc.want {
			t.Errorf("pinyinInput(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestEditDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"wuhna", "wuhan", 1}, // a swap of neighbours is one edit
		{"wuhan", "wuhan", 0},
		{"", "abc", 3},
		{"沙市去", "沙市区", 1},
		{"kitten", "sitting", 3},
		{"ca", "abc", 3}, // optimal string alignment, not full Damerau: no edit of a swapped pair
	} {
		if got := editDistance([]rune(tc.a), []rune(tc.b)); got != tc.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
