package telegramtest

import (
	"strconv"
	"testing"
)

func TestMemo(t *testing.T) {
	var m memo[int]
	computed := 0
	get := func(key string, keep bool) int {
		return m.get(key, func() (int, bool) { computed++; return len(key), keep })
	}
	for range 2 {
		if v := get("abc", true); v != 3 {
			t.Errorf("get = %d, want 3", v)
		}
	}
	if computed != 1 {
		t.Errorf("a kept result was computed %d times", computed)
	}
	get("no", false)
	get("no", false)
	if computed != 3 {
		t.Errorf("a result not to keep was kept (%d computations)", computed)
	}
	for i := range memoSize + 1 {
		get(strconv.Itoa(i), true)
	}
	if len(m.m) > memoSize {
		t.Errorf("the memo holds %d results, more than %d", len(m.m), memoSize)
	}
}
