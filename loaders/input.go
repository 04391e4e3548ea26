package loaders

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// Limits on one data file. A registry export of a whole province is tens of MiB; a file or a
// field far past these is a mistake (a wrong file, an unclosed quote swallowing the rest).
const (
	MaxFileBytes  = 256 << 20 // 256 MiB per file
	MaxFieldBytes = 64 << 10  // 64 KiB per field (a long 经营范围 is a few KiB)
)

// The values of Source.Encoding.
const (
	EncodingAuto    = ""        // UTF-8 (with or without BOM), else GB18030 (which covers GBK and GB2312)
	EncodingUTF8    = "utf-8"   // only UTF-8; anything else is an error at its line
	EncodingGB18030 = "gb18030" // GB18030/GBK/GB2312, as Excel on Chinese Windows saves "CSV"
)

// record is one row of a CSV file or a sheet, with the line (sheet row) it starts on.
type record struct {
	line   int
	fields []string
}

// readRecords reads a table file: CSV in any of the accepted encodings, or .xlsx (the sheet
// named kind, else the first). It refuses anything but a regular file before opening it, so a
// FIFO or a device (or a link to one) cannot block or feed the loader without end.
func readRecords(f file, kind, encoding string) ([]record, []Error) {
	data, errs := readBytes(f)
	if len(errs) > 0 {
		return nil, errs
	}
	switch ext := strings.ToLower(path.Ext(f.path)); ext {
	case ".xlsx", ".xlsm":
		return readXLSX(f.display, data, kind)
	case ".xls", ".et":
		return nil, []Error{{File: f.display, Message: ext + " is an old binary spreadsheet; save it as .xlsx or as CSV"}}
	}
	text, line, msg := decodeText(data, encoding)
	if msg != "" {
		return nil, []Error{{File: f.display, Line: line, Message: msg}}
	}
	return readCSV(f.display, text)
}

// readBytes reads a whole file within MaxFileBytes, a regular file only.
func readBytes(f file) ([]byte, []Error) {
	fail := func(format string, args ...any) ([]byte, []Error) {
		return nil, []Error{{File: f.display, Message: fmt.Sprintf(format, args...)}}
	}
	fi, err := fs.Stat(f.fsys, f.path) // follows a symlink: its target is what would be read
	if err != nil {
		return fail("%v", err)
	}
	if !fi.Mode().IsRegular() {
		return fail("not a regular file (%s); a data file must be a plain file, not a pipe, device or directory", fi.Mode().Type())
	}
	if fi.Size() > MaxFileBytes {
		return fail("%d bytes; the limit is %d MiB per file", fi.Size(), MaxFileBytes>>20)
	}
	h, err := f.fsys.Open(f.path)
	if err != nil {
		return fail("%v", err)
	}
	defer h.Close()
	data, err := io.ReadAll(io.LimitReader(h, MaxFileBytes+1)) // the file may grow after Stat
	if err != nil {
		return fail("%v", err)
	}
	if len(data) > MaxFileBytes {
		return fail("more than %d MiB; the limit is %d MiB per file", MaxFileBytes>>20, MaxFileBytes>>20)
	}
	return data, nil
}

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// decodeText returns the file as UTF-8 without BOM, or a message and the line it concerns.
// Auto-detection: valid UTF-8 is UTF-8; otherwise the text must decode as GB18030 without a
// bad byte. Nothing that is not valid UTF-8 gets past this function.
func decodeText(data []byte, encoding string) (text string, line int, msg string) {
	if bytes.HasPrefix(data, bomUTF16LE) || bytes.HasPrefix(data, bomUTF16BE) {
		return "", 0, "UTF-16 text (Excel's \"Unicode text\"); save it as \"CSV UTF-8\" or \"CSV\""
	}
	bom := bytes.HasPrefix(data, bomUTF8)
	data = bytes.TrimPrefix(data, bomUTF8)
	switch strings.ToLower(encoding) {
	case EncodingAuto:
		if utf8.Valid(data) {
			return string(data), 0, ""
		}
		badLine, b := firstBadUTF8(data)
		if bom {
			return "", badLine, fmt.Sprintf("begins with a UTF-8 BOM but byte 0x%02x is not UTF-8", b)
		}
		s, gbLine := decodeGB18030(data)
		if gbLine == 0 {
			return s, 0, ""
		}
		return "", badLine, fmt.Sprintf("neither UTF-8 (byte 0x%02x here) nor GB18030/GBK (first bad byte at line %d); save it as \"CSV UTF-8\", or name its encoding (%s or %s)", b, gbLine, EncodingUTF8, EncodingGB18030)
	case EncodingUTF8, "utf8":
		if utf8.Valid(data) {
			return string(data), 0, ""
		}
		badLine, b := firstBadUTF8(data)
		return "", badLine, fmt.Sprintf("byte 0x%02x is not UTF-8, the encoding asked for; if Excel on Chinese Windows saved it, its encoding is %s", b, EncodingGB18030)
	case EncodingGB18030, "gbk", "gb2312":
		s, gbLine := decodeGB18030(data)
		if gbLine != 0 {
			return "", gbLine, "not GB18030/GBK, the encoding asked for: a byte sequence here decodes to nothing"
		}
		return s, 0, ""
	}
	return "", 0, fmt.Sprintf("encoding %q; want %q (detect), %s or %s", encoding, EncodingAuto, EncodingUTF8, EncodingGB18030)
}

func firstBadUTF8(data []byte) (line int, b byte) {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return 1 + bytes.Count(data[:i], []byte{'\n'}), data[i]
		}
		i += n
	}
	return 0, 0
}

// decodeGB18030 decodes line by line ('\n' is never part of a GB18030 multi-byte sequence), so
// that a bad sequence can be named by its line; badLine is 0 when all of it decoded.
func decodeGB18030(data []byte) (text string, badLine int) {
	var out strings.Builder
	out.Grow(len(data) + len(data)/2)
	dec := simplifiedchinese.GB18030.NewDecoder()
	for n, ln := range bytes.SplitAfter(data, []byte{'\n'}) {
		s, err := dec.Bytes(ln)
		// The decoder writes U+FFFD for a bad sequence; a real U+FFFD (84 31 A4 37) is not a name.
		if err != nil || bytes.ContainsRune(s, utf8.RuneError) || !utf8.Valid(s) {
			return "", n + 1
		}
		out.Write(s)
	}
	return out.String(), 0
}

// readCSV parses UTF-8 CSV. A quoting error ends the file (the reader cannot find the next row
// after it) and is reported where the broken field's row starts.
func readCSV(display, text string) ([]record, []Error) {
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = -1
	var out []record
	for {
		fields, err := r.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				msg := pe.Err.Error()
				if errors.Is(pe.Err, csv.ErrQuote) || errors.Is(pe.Err, csv.ErrBareQuote) {
					msg += `: a field with a quote must be quoted whole, its quotes doubled ("")`
				}
				if pe.Line != pe.StartLine {
					msg += fmt.Sprintf(" (the quote opened here is still open at line %d)", pe.Line)
				}
				return out, []Error{{File: display, Line: pe.StartLine, Message: msg + "; nothing after this row was read"}}
			}
			return out, []Error{{File: display, Message: err.Error()}}
		}
		line, _ := r.FieldPos(0)
		out = append(out, record{line: line, fields: fields})
	}
}

// readXLSX reads the sheet named kind (enterprises), else the first, as displayed: numbers and
// dates in their cell format, as a user sees them in Excel.
func readXLSX(display string, data []byte, kind string) ([]record, []Error) {
	x, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: 4 * MaxFileBytes, UnzipXMLSizeLimit: 16 << 20})
	if err != nil {
		return nil, []Error{{File: display, Message: fmt.Sprintf("not a readable .xlsx workbook: %v", err)}}
	}
	defer x.Close()
	sheets := x.GetSheetList()
	if len(sheets) == 0 {
		return nil, []Error{{File: display, Message: "a workbook without sheets"}}
	}
	sheet := sheets[0]
	for _, s := range sheets {
		if strings.EqualFold(strings.TrimSpace(s), kind) {
			sheet = s
		}
	}
	rows, err := x.Rows(sheet)
	if err != nil {
		return nil, []Error{{File: display, Message: fmt.Sprintf("sheet %q: %v", sheet, err)}}
	}
	defer rows.Close()
	var out []record
	for n := 1; rows.Next(); n++ {
		cols, err := rows.Columns()
		if err != nil {
			return out, []Error{{File: display, Line: n, Message: fmt.Sprintf("sheet %q: %v", sheet, err)}}
		}
		if len(cols) == 0 {
			cols = []string{""}
		}
		out = append(out, record{line: n, fields: cols})
	}
	if err := rows.Error(); err != nil {
		return out, []Error{{File: display, Message: fmt.Sprintf("sheet %q: %v", sheet, err)}}
	}
	return out, nil
}
