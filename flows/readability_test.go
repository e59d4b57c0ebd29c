package flows_test

import (
	"bufio"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/heimatbot/heimatbot/flows"
	"github.com/heimatbot/heimatbot/readability/catalogcheck"
)

// lixFrom is the least number of words a text needs for its LIX to count.
const lixFrom = catalogcheck.LIXFrom

// TestResidentTextsAreReadable holds every text a resident reads to its
// variant's limits: Einfache Sprache to the plain ones, standard German to
// the standard ones. With -v it prints the figures per catalog and variant,
// of the resident texts and of all.
func TestResidentTextsAreReadable(t *testing.T) {
	texts, resident := catalogTexts(t)
	for _, p := range catalogcheck.Problems(resident) {
		t.Error(p)
	}
	t.Logf("resident texts:\n%s", catalogcheck.Table(catalogcheck.Summary(resident, lixFrom)))
	t.Logf("all texts:\n%s", catalogcheck.Table(catalogcheck.Summary(texts, lixFrom)))
}

// catalogTexts measures every text of the flows' catalogs, and returns
// them all and those residents see (all but locales/organizer-only.txt).
func catalogTexts(t *testing.T) (all, resident []catalogcheck.Text) {
	t.Helper()
	texts, err := catalogcheck.Load(os.DirFS("."), "locales")
	if err != nil {
		t.Fatal(err)
	}
	organizerOnly := organizerOnly(t, texts)
	for _, tx := range texts {
		if !organizerOnly(tx.ID) {
			resident = append(resident, tx)
		}
	}
	return texts, resident
}

// TestPlainLanguageHasEveryResidentText lists what Einfache Sprache
// leaves to standard German, and fails on a resident text among it.
func TestPlainLanguageHasEveryResidentText(t *testing.T) {
	cat := mustCatalog(t)
	texts, err := catalogcheck.Load(os.DirFS("."), "locales")
	if err != nil {
		t.Fatal(err)
	}
	organizerOnly := organizerOnly(t, texts)
	// A counted phrase (locales/counts.*.yaml) is a number with its
	// noun, measured within each plain text that names it; Einfache
	// Sprache has one of its own only where it takes another word.
	phrase := map[string]bool{}
	for _, tx := range texts {
		if tx.Catalog == "counts" {
			phrase[tx.ID] = true
		}
	}
	lacks := cat.Lacks(flows.PlainLanguage)
	for _, id := range lacks {
		if !organizerOnly(id) && !phrase[id] {
			t.Errorf("%s lacks the resident text %q: write it in Einfache Sprache, or, if only organizers see it, add it to locales/organizer-only.txt", flows.PlainLanguage, id)
		}
	}
	t.Logf("%s leaves %d organizer-only texts to standard German: %s", flows.PlainLanguage, len(lacks), strings.Join(lacks, " "))
}

// organizerOnly reads locales/organizer-only.txt and reports whether a text
// id is listed there; a line that matches no text fails the test.
func organizerOnly(t *testing.T, texts []catalogcheck.Text) func(id string) bool {
	t.Helper()
	f, err := os.Open("locales/organizer-only.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var patterns []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); line != "" && !strings.HasPrefix(line, "#") {
			patterns = append(patterns, line)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	match := func(p, id string) bool {
		ok, err := path.Match(p, id)
		if err != nil {
			t.Fatalf("organizer-only.txt: %q: %v", p, err)
		}
		return ok
	}
	for _, p := range patterns {
		used := false
		for _, tx := range texts {
			if match(p, tx.ID) {
				used = true
				break
			}
		}
		if !used {
			t.Errorf("organizer-only.txt: %q matches no text", p)
		}
	}
	return func(id string) bool {
		for _, p := range patterns {
			if match(p, id) {
				return true
			}
		}
		return false
	}
}

// maxLabel is the longest button label plain language may use: WhatsApp's
// reply buttons take at most 20 characters, the least of our platforms
// (Telegram and Mattermost set no fixed limit but cut long labels on a
// phone).
const maxLabel = 20

// TestPlainButtonsAreShort finds the texts the flows use as button labels
// (Label: ….S("id"), Label: "id" of a menu entry, or an id prefix such as
// "language_name_" + …) and holds their plain version to a short verb or
// noun: at most four words and maxLabel characters.
func TestPlainButtonsAreShort(t *testing.T) {
	_, resident := catalogTexts(t)
	ids, prefixes := labelIDs(t)
	if len(ids) < 20 {
		t.Fatalf("found %d button labels in the flows' code, want the flows' buttons", len(ids))
	}
	checked := 0
	for _, tx := range resident {
		if tx.Lang != flows.PlainLanguage {
			continue
		}
		label := ids[tx.ID]
		for _, p := range prefixes {
			label = label || strings.HasPrefix(tx.ID, p)
		}
		if !label {
			continue
		}
		checked++
		if n := len([]rune(tx.Plain)); n > maxLabel || tx.Figures.Words > 4 {
			t.Errorf("%s: button %q has %d characters and %d words (at most %d and 4)", tx.Name(), tx.Plain, n, tx.Figures.Words, maxLabel)
		}
	}
	if checked < 20 {
		t.Errorf("checked %d plain button labels, want every resident one", checked)
	}
}

// labelIDs reads the flows' Go files for the catalog ids used as labels.
func labelIDs(t *testing.T) (ids map[string]bool, prefixes []string) {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`Label: *(?:[a-zA-Z.]+\.)?S\("([a-z0-9_]+)"( *\+)?|Label: *"([a-z0-9_]+)"`)
	ids = map[string]bool{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(src), -1) {
			switch {
			case m[3] != "":
				ids[m[3]] = true
			case m[2] != "":
				prefixes = append(prefixes, m[1])
			default:
				ids[m[1]] = true
			}
		}
	}
	return ids, prefixes
}
