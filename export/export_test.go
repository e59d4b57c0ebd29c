package export_test

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/heimatbot/heimatbot/digest"
	"github.com/heimatbot/heimatbot/export"
)

func at(d, h int) time.Time { return time.Date(2026, 11, d, h, 0, 0, 0, time.UTC) }

func data() digest.Data {
	return digest.Data{
		Period: digest.Period{From: at(16, 0), To: at(23, 0)},
		Community: digest.Community{
			Districts:      []digest.Category{{ID: "badeborn", Name: "Badeborn"}, {ID: "kernstadt", Name: "Ballenstedt (Kernstadt)"}},
			Themes:         []digest.Category{{ID: "jugend", Name: "Jugend"}},
			Roles:          []digest.Category{{ID: "verein", Name: "Verein/Ehrenamt"}},
			HelpCategories: []digest.Category{{ID: "handwerk", Name: "Handwerk"}, {ID: "fahrdienste", Name: "Fahrdienste"}},
		},
		Opinions: []digest.Opinion{
			{ID: "o1", Theme: "jugend", District: "badeborn", Role: "verein", Created: at(17, 9), Status: digest.Approved, Text: "Skaterbahn, bitte!", Agree: 8, Disagree: 1, Pass: 2, NextStep: "Ortschaftsrat"},
			{ID: "o2", Theme: "jugend", District: "kernstadt", Created: at(18, 9), Status: digest.Pending, Text: "Noch nicht freigegeben"},
			{ID: "o3", Theme: "jugend", District: "kernstadt", Created: at(18, 9), Status: digest.Approved, Text: "=HYPERLINK(\"x\")"},
		},
		Offers: []digest.Offer{
			{ID: "f1", Categories: []string{"handwerk", "fahrdienste"}, Districts: []string{"badeborn"}, TimeCommitment: "2 h/Woche", Created: at(17, 9), Contact: "@anna", ContactAllowed: true},
			{ID: "f2", Categories: []string{"handwerk"}, Created: at(18, 9), Withdrawn: at(19, 9), Contact: "@bernd"},
		},
		Needs: []digest.Need{
			{ID: "n1", Title: "Zeltaufbau", Categories: []string{"handwerk"}, District: "kernstadt", Created: at(10, 9), Status: digest.NeedOpen, Interested: 2,
				Matches: []digest.Match{{Offer: "f1", At: at(18, 9)}}},
			{ID: "n2", Title: "Fahrer gesucht", District: "badeborn", Created: at(17, 9), Status: digest.NeedOpen},
		},
		Events: []digest.Event{
			{ID: "e1", Title: "Stadtgespräch", Theme: "jugend", Start: at(18, 18), Capacity: 30, Yes: 12, Maybe: 3, No: 2, Waiting: 1, AttendanceKnown: true, Attended: 10,
				Feedback: []digest.Feedback{{Score: 4}, {Score: 5}}},
			{ID: "e2", Title: "Radtour", Start: at(30, 10), Yes: 4},
		},
		Vorhaben: []digest.Vorhaben{
			{ID: "v1", Title: "Jugendraum öffnen", Theme: "jugend", District: "badeborn", Status: "stuck", Note: "Räume",
				Held: true, Holder: "anna", Created: at(16, 9), News: at(19, 9), Due: at(30, 23), Stuck: at(19, 9), Followers: 2,
				Changes: []digest.StatusChange{{Status: "running", At: at(17, 9)}, {Status: "stuck", At: at(19, 9)}}},
			{ID: "v2", Title: "Bank am Teich", Status: "new", Created: at(20, 9), News: at(20, 9)},
		},
	}
}

// want is every table as text, as both files must hold it.
var want = map[string][][]string{
	"opinions": {
		{"theme", "district", "role", "date", "agree", "disagree", "pass", "text", "next_step"},
		{"Jugend", "Badeborn", "Verein/Ehrenamt", "2026-11-17", "8", "1", "2", "Skaterbahn, bitte!", "Ortschaftsrat"},
		{"Jugend", "Ballenstedt (Kernstadt)", "", "2026-11-18", "0", "0", "0", "=HYPERLINK(\"x\")", ""},
	},
	"offers": {
		{"id", "categories", "districts", "time_commitment", "created", "withdrawn", "contact"},
		{"f1", "Handwerk; Fahrdienste", "Badeborn", "2 h/Woche", "2026-11-17", "", "@anna"},
		{"f2", "Handwerk", "", "", "2026-11-18", "2026-11-19", ""},
	},
	"needs": {
		{"id", "title", "categories", "district", "created", "status", "interested", "matches"},
		{"n1", "Zeltaufbau", "Handwerk", "Ballenstedt (Kernstadt)", "2026-11-10", "open", "2", "1"},
		{"n2", "Fahrer gesucht", "", "Badeborn", "2026-11-17", "open", "0", "0"},
	},
	"matches": {
		{"need_id", "need_title", "offer_id", "date"},
		{"n1", "Zeltaufbau", "f1", "2026-11-18"},
	},
	"events": {
		{"id", "title", "theme", "start", "cancelled", "capacity", "yes", "maybe", "no", "waiting", "attended", "feedback_count", "feedback_mean"},
		{"e1", "Stadtgespräch", "Jugend", "2026-11-18 18:00", "", "30", "12", "3", "2", "1", "10", "2", "4.50"},
		{"e2", "Radtour", "", "2026-11-30 10:00", "", "0", "4", "0", "0", "0", "", "0", ""},
	},
	"vorhaben": {
		{"id", "title", "theme", "district", "status", "note", "holder", "due", "created", "last_news", "followers"},
		{"v1", "Jugendraum öffnen", "Jugend", "Badeborn", "stuck", "Räume", "anna", "2026-11-30", "2026-11-16", "2026-11-19", "2"},
		{"v2", "Bank am Teich", "", "", "new", "", "", "", "2026-11-20", "2026-11-20", "0"},
	},
	"vorhaben_status": {
		{"vorhaben_id", "status", "date"},
		{"v1", "running", "2026-11-17 09:00"},
		{"v1", "stuck", "2026-11-19 09:00"},
	},
}

var order = []string{"opinions", "offers", "needs", "matches", "events", "vorhaben", "vorhaben_status"}

// The CSV files open right in the organizer's spreadsheet: German Excel
// wants ";" between cells and a decimal comma, English ",", and both a
// byte order mark for the umlauts.
func TestCSVArchiveHoldsEveryTable(t *testing.T) {
	for _, tt := range []struct {
		lang  string
		comma rune
		mean  string
	}{{"de", ';', "4,50"}, {"en", ',', "4.50"}} {
		t.Run(tt.lang, func(t *testing.T) {
			f, err := export.File(data(), export.FormatCSV, tt.lang)
			if err != nil {
				t.Fatal(err)
			}
			if f.Name != "heimatbot-export-2026-11-23.zip" || f.ContentType != "application/zip" {
				t.Errorf("file %s (%s)", f.Name, f.ContentType)
			}
			zr, err := zip.NewReader(bytes.NewReader(f.Data), int64(len(f.Data)))
			if err != nil {
				t.Fatal(err)
			}
			var files []string
			for _, zf := range zr.File {
				files = append(files, zf.Name)
				rc, err := zf.Open()
				if err != nil {
					t.Fatal(err)
				}
				b, _ := io.ReadAll(rc)
				_ = rc.Close()
				if !bytes.HasPrefix(b, []byte("\uFEFF")) {
					t.Errorf("%s has no byte order mark", zf.Name)
				}
				r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\uFEFF"))))
				r.Comma = tt.comma
				rows, err := r.ReadAll()
				if err != nil {
					t.Fatalf("%s: %v", zf.Name, err)
				}
				name := strings.TrimSuffix(zf.Name, ".csv")
				exp := want[name]
				// A spreadsheet must not run a resident's text as a formula:
				// text starting with = + - @ gets an apostrophe (OWASP's rule).
				switch exp = clone(exp); name {
				case "opinions":
					exp[2][7] = "'" + exp[2][7]
				case "offers":
					exp[1][6] = "'" + exp[1][6]
				case "events":
					exp[1][12] = tt.mean
				}
				if !reflect.DeepEqual(rows, exp) {
					t.Errorf("%s:\n got %q\nwant %q", zf.Name, rows, exp)
				}
			}
			if !reflect.DeepEqual(files, []string{"opinions.csv", "offers.csv", "needs.csv", "matches.csv", "events.csv", "vorhaben.csv", "vorhaben_status.csv"}) {
				t.Errorf("files = %v", files)
			}
		})
	}
}

func TestXLSXHasASheetPerTable(t *testing.T) {
	f, err := export.File(data(), export.FormatXLSX, "de")
	if err != nil {
		t.Fatal(err)
	}
	if f.Name != "heimatbot-export-2026-11-23.xlsx" {
		t.Errorf("file name %s", f.Name)
	}
	x, err := excelize.OpenReader(bytes.NewReader(f.Data))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = x.Close() }()
	if got := x.GetSheetList(); !reflect.DeepEqual(got, order) {
		t.Errorf("sheets = %v, want %v", got, order)
	}
	for _, name := range order {
		rows, err := x.GetRows(name)
		if err != nil {
			t.Fatal(err)
		}
		exp := clone(want[name])
		if name == "events" {
			exp[1][12] = "4.5" // a number in the sheet, not "4.50"
		}
		for i := range rows {
			// GetRows leaves out trailing empty cells.
			for len(rows[i]) < len(exp[i]) {
				rows[i] = append(rows[i], "")
			}
		}
		if !reflect.DeepEqual(rows, exp) {
			t.Errorf("%s:\n got %q\nwant %q", name, rows, exp)
		}
	}
	// Numbers are numbers, and a resident's text is never a formula.
	if typ, _ := x.GetCellType("opinions", "E2"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("agree count is stored as %v", typ)
	}
	if fm, _ := x.GetCellFormula("opinions", "H3"); fm != "" {
		t.Errorf("opinion text became formula %q", fm)
	}
}

func TestUnknownFormat(t *testing.T) {
	if _, err := export.File(data(), "pdf", "de"); !errors.Is(err, export.ErrFormat) {
		t.Errorf("err = %v", err)
	}
}

func clone(rows [][]string) [][]string {
	out := make([][]string, len(rows))
	for i, r := range rows {
		out[i] = append([]string(nil), r...)
	}
	return out
}
