package polis

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/heimatbot/heimatbot/opinionmap"
)

var convs = []string{"15-per-hour-seattle", "ssis.land-bank-farmland.2rumnecbeh.2021-08-01", "vtaiwan.uberx"}

func TestExperiment(t *testing.T) {
	for _, name := range convs {
		c, err := Read(os.DirFS(filepath.Join("testdata", name)))
		if err != nil {
			t.Fatal(err)
		}
		for seed := range uint64(6) {
			m, err := opinionmap.Compute(c.Input(), opinionmap.Options{Seed: seed})
			if err != nil {
				t.Fatal(err)
			}
			var x, y []int
			for p, g := range c.Groups {
				if pl, ok := m.Place(p); ok {
					x = append(x, g)
					y = append(y, pl.Group)
				}
			}
			sizes := []int{}
			for _, g := range m.Groups {
				sizes = append(sizes, g.Size)
			}
			t.Logf("%s: %v K=%d sizes=%v ari=%.3f n=%d test=%+v scores=%+v", name, m.Status, m.K, sizes, opinionmap.AdjustedRand(x, y), len(x), m.Test, m.Silhouettes)
		}
	}
}
