package gctarget

import (
	"runtime/debug"
	"testing"
)

func TestSet(t *testing.T) {
	was := debug.SetGCPercent(100)
	t.Cleanup(func() { debug.SetGCPercent(was) })
	tests := []struct {
		name, gogc string
		want       int // target in force afterwards
	}{
		{"unset", "", Percent},
		{"set by the operator", "150", 100}, // the runtime applied it; Set leaves it
		{"off", "off", 100},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			debug.SetGCPercent(100)
			applied := Set(func(k string) string {
				if k == "GOGC" {
					return tt.gogc
				}
				return ""
			})
			if applied != (tt.gogc == "") {
				t.Errorf("Set applied = %v with GOGC=%q", applied, tt.gogc)
			}
			if now := debug.SetGCPercent(100); now != tt.want {
				t.Errorf("target in force %d, want %d", now, tt.want)
			}
		})
	}
}
