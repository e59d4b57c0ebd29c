package export

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// CSVStyle is how a spreadsheet program reads CSV in the reader's
// language.
type CSVStyle struct {
	Comma        rune // between cells
	DecimalComma bool // 2,50 rather than 2.50
}

// CSVStyleFor is the style of lang: German Excel splits cells at ";" and
// reads "2,5" as a number (a "," would put a whole row in one cell);
// otherwise "," and "2.5".
func CSVStyleFor(lang string) CSVStyle {
	if lang == "de" {
		return CSVStyle{Comma: ';', DecimalComma: true}
	}
	return CSVStyle{Comma: ','}
}

// CSV writes each table as NAME.csv (UTF-8 with a byte order mark, so
// spreadsheet programs read umlauts right) into a ZIP archive, in style.
// Text that a spreadsheet would run as a formula is prefixed with an
// apostrophe.
func CSV(tables []Table, style CSVStyle) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, t := range tables {
		f, err := zw.Create(t.Name + ".csv")
		if err != nil {
			return nil, fmt.Errorf("export: %w", err)
		}
		if _, err := f.Write([]byte("\uFEFF")); err != nil {
			return nil, fmt.Errorf("export: %w", err)
		}
		w := csv.NewWriter(f)
		w.Comma = style.Comma
		if err := w.Write(t.Header); err != nil {
			return nil, fmt.Errorf("export %s: %w", t.Name, err)
		}
		rec := make([]string, len(t.Header))
		for _, row := range t.Rows {
			for i, c := range row {
				rec[i] = csvCell(c, style)
			}
			if err := w.Write(rec); err != nil {
				return nil, fmt.Errorf("export %s: %w", t.Name, err)
			}
		}
		if w.Flush(); w.Error() != nil {
			return nil, fmt.Errorf("export %s: %w", t.Name, w.Error())
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	return buf.Bytes(), nil
}

func csvCell(c any, style CSVStyle) string {
	switch v := c.(type) {
	case string:
		if v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) {
			return "'" + v
		}
		return v
	case int:
		return strconv.Itoa(v)
	case float64:
		s := strconv.FormatFloat(v, 'f', 2, 64)
		if style.DecimalComma {
			s = strings.Replace(s, ".", ",", 1)
		}
		return s
	default:
		return fmt.Sprint(v)
	}
}

// XLSX writes one sheet per table, header in the first row. Numbers stay
// numbers; text is stored as text, never as a formula.
func XLSX(tables []Table) ([]byte, error) {
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	for i, t := range tables {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", t.Name); err != nil {
				return nil, fmt.Errorf("export: %w", err)
			}
		} else if _, err := f.NewSheet(t.Name); err != nil {
			return nil, fmt.Errorf("export: %w", err)
		}
		sw, err := f.NewStreamWriter(t.Name)
		if err != nil {
			return nil, fmt.Errorf("export %s: %w", t.Name, err)
		}
		header := make([]any, len(t.Header))
		for i, h := range t.Header {
			header[i] = h
		}
		if err := sw.SetRow("A1", header); err != nil {
			return nil, fmt.Errorf("export %s: %w", t.Name, err)
		}
		for r, row := range t.Rows {
			cell, _ := excelize.CoordinatesToCellName(1, r+2)
			if err := sw.SetRow(cell, row); err != nil {
				return nil, fmt.Errorf("export %s: %w", t.Name, err)
			}
		}
		if err := sw.Flush(); err != nil {
			return nil, fmt.Errorf("export %s: %w", t.Name, err)
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	return buf.Bytes(), nil
}
