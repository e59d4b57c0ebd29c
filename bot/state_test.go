package bot

import (
	"reflect"
	"testing"
	"time"
)

func TestProfileEqualSeesEveryChangeAfterClone(t *testing.T) {
	base := &Profile{
		Consent: time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC), Lang: "de", District: "badeborn",
		Interests: []string{"jugend", "schule"}, Ref: "r1", Chat: Address{Platform: Telegram, Chat: "1"},
	}
	changes := map[string]func(p *Profile){
		"district":          func(p *Profile) { p.District = "rieder" },
		"interest in place": func(p *Profile) { p.Interests[0] = "verwaltung" },
		"interest appended": func(p *Profile) { p.Interests = append(p.Interests, "begegnung") },
		"interests removed": func(p *Profile) { p.Interests = nil },
		"consent":           func(p *Profile) { p.Consent = p.Consent.Add(time.Second) },
		"reachable again":   func(p *Profile) { p.Unreachable = true },
		"chat":              func(p *Profile) { p.Chat.Chat = "2" },
		"invitations off":   func(p *Profile) { p.NoInvitations = true },
		"language and role": func(p *Profile) { p.Lang, p.Role = "en", "verein" },
		"name":              func(p *Profile) { p.Name = "x" },
		"reference":         func(p *Profile) { p.Ref = "r2" },
	}
	for name, change := range changes {
		p := base.clone()
		before := p.clone()
		change(p)
		if before.equal(p) {
			t.Errorf("%s: change not seen", name)
		}
	}
	p := base.clone()
	p.Consent = p.Consent.In(time.FixedZone("CEST", 2*3600))
	p.Interests = append([]string{}, base.Interests...)
	if !base.equal(p) {
		t.Error("the same profile in another time zone or slice is seen as changed")
	}
	var none *Profile
	if !none.equal(nil) || none.equal(base) || base.equal(nil) {
		t.Error("nil profiles compared wrongly")
	}
	if !(&Profile{}).equal(&Profile{Interests: []string{}}) {
		t.Error("nil and empty interests differ, though both are stored alike")
	}
}

// TestProfileEqualSeesEveryField sets each field of Profile in turn, so a
// field added to Profile but not to equal fails here.
func TestProfileEqualSeesEveryField(t *testing.T) {
	typ := reflect.TypeFor[Profile]()
	for i := range typ.NumField() {
		var p Profile
		f := reflect.ValueOf(&p).Elem().Field(i)
		switch f.Kind() {
		case reflect.String:
			f.SetString("x")
		case reflect.Bool:
			f.SetBool(true)
		case reflect.Slice:
			f.Set(reflect.MakeSlice(f.Type(), 1, 1))
		default:
			switch v := f.Addr().Interface().(type) {
			case *time.Time:
				*v = time.Unix(1, 0)
			case *Address:
				v.Chat = "x"
			default:
				t.Fatalf("field %s of type %s: teach this test to set it", typ.Field(i).Name, f.Type())
			}
		}
		if (&Profile{}).equal(&p) {
			t.Errorf("a change of %s is not seen", typ.Field(i).Name)
		}
	}
}
