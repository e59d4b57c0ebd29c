package export

import (
	"errors"
	"fmt"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/digest"
)

// Format is an export file format.
type Format string

// Formats.
const (
	FormatCSV  Format = "csv"
	FormatXLSX Format = "xlsx"
)

// ErrFormat is returned (wrapped) for an unknown format.
var ErrFormat = errors.New("unknown export format")

// File exports d as a file to send: a ZIP of CSV files (in the style of
// lang, see CSVStyleFor) or an XLSX workbook, named after the date the
// data ends.
func File(d digest.Data, f Format, lang string) (*bot.File, error) {
	tables := Tables(d)
	base := "heimatbot-export-" + d.Period.To.Format(dateFormat)
	switch f {
	case FormatCSV:
		data, err := CSV(tables, CSVStyleFor(lang))
		if err != nil {
			return nil, err
		}
		return &bot.File{Name: base + ".zip", ContentType: "application/zip", Data: data}, nil
	case FormatXLSX:
		data, err := XLSX(tables)
		if err != nil {
			return nil, err
		}
		return &bot.File{Name: base + ".xlsx", ContentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Data: data}, nil
	}
	return nil, fmt.Errorf("export: %q: %w", f, ErrFormat)
}
