package telegramtest

import "testing"

func TestLoadSpec(t *testing.T) {
	spec := MustLoadSpec(t)
	if spec.Version == "" {
		t.Error("spec has no version")
	}
	for _, name := range []string{"sendMessage", "getUpdates", "setWebhook", "answerCallbackQuery"} {
		if _, ok := spec.Method(name); !ok {
			t.Errorf("spec lacks method %s", name)
		}
	}
	if _, ok := spec.Method("SENDMESSAGE"); !ok {
		t.Error("method lookup should ignore case, as Telegram does")
	}
	if _, err := LoadSpec("does/not/exist.json"); err == nil {
		t.Error("LoadSpec of a missing file: want error")
	}
	if _, err := ParseSpec([]byte(`{"version":"x"}`)); err == nil {
		t.Error("ParseSpec of a spec without methods: want error")
	}
}
