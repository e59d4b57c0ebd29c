package bot

import (
	"strconv"
	"strings"
)

// StepID names a step of a flow.
type StepID string

// End as the next step ends the flow.
const End StepID = ""

// Flow is a small state machine: a table of steps, each with its prompt and
// the function that reads the answer and names the next step.
type Flow struct {
	Name  string
	Start StepID
	// Begin, when set, picks the first step instead of Start, for flows
	// that open differently for different people.
	Begin func(c *Conv) StepID
	Steps map[StepID]Step
	// Organizer flows are refused to everyone else.
	Organizer bool
	// Consent flows need a stored profile; without one the person is led
	// through onboarding first and then into the flow.
	Consent bool
	// Aside flows answer beside an open question, which is then asked
	// again; all other flows replace the open one.
	Aside bool
	// Resume flows ask their own questions beside an open one, which is
	// asked again once they end, in the language then chosen (/sprache).
	Resume bool
	// MeantFor, when set, says whom the flow is meant for beyond
	// organizers (association members for /gesuch): help lists it only to
	// them. (Not to be confused with Message.For, a reply's owner.)
	MeantFor func(c *Conv) bool
	// Personal flows show what belongs to the person (their profile,
	// their data, their answers): asked in a shared chat, the engine
	// answers in the person's direct chat and leaves a short pointer in
	// the shared one.
	Personal bool
}

// Step is one question. Prompt builds it; Handle reads the answer and
// returns the next step (the same step asks again). A step without Handle
// ends the flow once its prompt is shown.
type Step struct {
	Prompt func(c *Conv) (Prompt, error)
	Handle func(c *Conv, in Input) (StepID, error)
}

// Choice is one answer offered as a button.
type Choice struct {
	Label string
	Value string
}

// Prompt is what a step shows.
type Prompt struct {
	Text    Text
	Choices []Choice
	// Columns is how many buttons share a row (default 1).
	Columns int
	// FreeText accepts typed text besides the choices.
	FreeText bool
	// Numeric says the answer is a number (a count of seats): typing a
	// number answers the question, so its buttons get no numbers and are
	// pressed by their label.
	Numeric bool
	File    *File
}

// Input is a person's answer to a step.
type Input struct {
	// Text is the typed text, trimmed; empty for a pressed button.
	Text string
	// Choice is the Value of the chosen Choice; empty for free text.
	Choice string
}

// Command maps command names (German first, then the English alias) to a
// flow. Help is the catalog id of its one-line description in /hilfe.
type Command struct {
	Names []string
	Flow  string
	Help  string
}

// Name returns the command's name for a language: the German name, or the
// English alias for English.
func (c Command) Name(lang string) string {
	if strings.HasPrefix(lang, "en") && len(c.Names) > 1 {
		return c.Names[1]
	}
	return c.Names[0]
}

// Action handles a button that is not part of a flow's open question, such
// as an RSVP under an invitation. Its payload is "a:NAME:ARG".
type Action func(c *Conv, arg string) error

// ActionPayload builds the payload of an action button.
func ActionPayload(name, arg string) string { return "a:" + name + ":" + arg }

// ActionOf reads an action button's payload; ok is false for any other
// payload, such as a step's answer.
func ActionOf(payload string) (name, arg string, ok bool) {
	_, _, name, arg, ok = parsePayload(payload)
	return name, arg, ok && name != ""
}

func stepPayload(seq int, value string) string {
	return "s" + strconv.Itoa(seq) + ":" + value
}

// parsePayload reads a button payload: a step answer (seq, value) or an
// action (name, arg).
func parsePayload(p string) (seq int, value, action, arg string, ok bool) {
	if rest, found := strings.CutPrefix(p, "a:"); found {
		action, arg, _ = strings.Cut(rest, ":")
		return 0, "", action, arg, action != ""
	}
	if rest, found := strings.CutPrefix(p, "s"); found {
		n, v, found := strings.Cut(rest, ":")
		seq, err := strconv.Atoi(n)
		if found && err == nil {
			return seq, v, "", "", true
		}
	}
	return 0, "", "", "", false
}
