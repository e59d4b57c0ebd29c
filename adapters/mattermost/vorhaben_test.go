package mattermost_test

import (
	"testing"

	"github.com/heimatbot/heimatbot/flows/flowtest"
)

// On Mattermost an organizer creates a Vorhaben and names who should hold
// it; that association member is asked in their direct channel and
// accepts with a button, and is then asked for its status with buttons.
func TestAVorhabenIsMadeAndAcceptedOnMattermost(t *testing.T) {
	h := newHarness(t, withButtons())
	berta, bertaDM := h.user("berta")
	h.srv.AddMember(h.srv.Orga(), berta) // an organizer
	anna, annaDM := h.user("anna")
	member := h.player(anna, annaDM)
	flowtest.Play(member, []flowtest.Step{
		{Say: "Hallo", Expect: []string{"[Einverstanden]"}},
		{Press: "Einverstanden"},
		{Press: "Badeborn"},
		{Say: "profil"},
		{Press: "Rolle"},
		{Press: "Verein/Ehrenamt"},
		{Press: "Fertig"},
	})

	orga := h.player(berta, bertaDM)
	flowtest.Play(orga, []flowtest.Step{
		{Say: "Hallo"},
		{Press: "Einverstanden"},
		{Press: "Badeborn"},
		{Say: "vorhaben_neu", Expect: []string{"Woraus wird das Vorhaben?"}},
		{Press: "Ohne Vorlage", Expect: []string{"Wie heißt das Vorhaben?"}},
		{Say: "Jugendraum im Gemeindehaus"},
		{Say: "Der Raum im alten Gemeindehaus steht leer. Jugendliche wollen ihn nutzen."},
		{Say: "Mit dem Ortschaftsrat sprechen.", Expect: []string{"Zu welchem Thema"}},
		{Press: "Jugend", Expect: []string{"Wo ist es?"}},
		{Press: "Badeborn", Expect: []string{"Bis wann"}},
		{Press: "in einem Monat", Expect: []string{"Wer soll es halten?", "[@anna]"}},
		{Press: "@anna", Expect: []string{"So sieht das Vorhaben aus", "anna, ob er oder sie es hält"}},
		{Press: "Anlegen", Expect: []string{"Angelegt"}},
	})
	h.waitFor(annaDM.Id, "Magst du dieses Vorhaben halten?")
	flowtest.Play(member, []flowtest.Step{
		{Press: "Übernehmen", Expect: []string{"Stand", "[Läuft]", "[Hängt]", "[Erledigt]", "[Aufgegeben]"}},
	})
	h.waitFor(annaDM.Id, "Du hältst jetzt „Jugendraum im Gemeindehaus“")
	flowtest.Play(member, []flowtest.Step{
		{Press: "Läuft", Expect: []string{"in einem Satz"}},
		{Say: "Wir sprechen mit dem Ortschaftsrat."},
	})
	h.waitFor(annaDM.Id, "gespeichert: läuft")
}
