package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// Organizers decides who may use organizer flows.
type Organizers interface {
	IsOrganizer(ctx context.Context, u User) bool
}

// EngineConfig is what an Engine needs.
type EngineConfig struct {
	Store      ConvStore
	Out        Sender
	Catalog    *Catalog
	Flows      []*Flow
	Commands   []Command
	Actions    map[string]Action
	Organizers Organizers
	// StartFlow greets a newcomer; it runs for /start and for the first
	// message of someone the bot does not know yet.
	StartFlow string
	// MaxInput is the longest message accepted, in characters.
	MaxInput int
	Now      func() time.Time
	Log      *slog.Logger
}

// Engine runs the conversations: it is the Handler behind the Router.
type Engine struct {
	store    ConvStore
	out      Sender
	direct   DirectChatter
	catalog  *Catalog
	flows    map[string]*Flow
	commands map[string]string
	actions  map[string]Action
	orgs     Organizers
	start    string
	maxInput int
	now      func() time.Time
	log      *slog.Logger
}

// NewEngine checks the flow table and returns an engine.
func NewEngine(cfg EngineConfig) (*Engine, error) {
	e := &Engine{
		store: cfg.Store, out: cfg.Out, catalog: cfg.Catalog,
		flows: map[string]*Flow{}, commands: map[string]string{}, actions: cfg.Actions,
		orgs: cfg.Organizers, start: cfg.StartFlow, maxInput: cfg.MaxInput, now: cfg.Now, log: cfg.Log,
	}
	e.direct, _ = cfg.Out.(DirectChatter)
	if e.now == nil {
		e.now = time.Now
	}
	if e.log == nil {
		e.log = slog.New(slog.DiscardHandler)
	}
	if e.maxInput <= 0 {
		e.maxInput = 1000
	}
	var errs []error
	for _, f := range cfg.Flows {
		if _, dup := e.flows[f.Name]; dup {
			errs = append(errs, fmt.Errorf("flow %q defined twice", f.Name))
		}
		if _, ok := f.Steps[f.Start]; !ok {
			errs = append(errs, fmt.Errorf("flow %q: start step %q missing", f.Name, f.Start))
		}
		e.flows[f.Name] = f
	}
	for _, c := range cfg.Commands {
		if _, ok := e.flows[c.Flow]; !ok {
			errs = append(errs, fmt.Errorf("command %v: no flow %q", c.Names, c.Flow))
		}
		for _, n := range c.Names {
			if _, dup := e.commands[n]; dup {
				errs = append(errs, fmt.Errorf("command %q defined twice", n))
			}
			e.commands[n] = c.Flow
		}
	}
	if _, ok := e.flows[e.start]; !ok {
		errs = append(errs, fmt.Errorf("start flow %q missing", e.start))
	}
	return e, errors.Join(errs...)
}

// Handle runs one update: load (one round trip), handle, commit the state
// and the replies together (one), send, confirm the replies (one). It logs
// one line per update, without the message text.
func (e *Engine) Handle(ctx context.Context, u Update) error {
	start := time.Now()
	st, err := e.handle(ctx, u)
	outcome := "ok"
	level := slog.LevelInfo
	var pe *PanicError
	switch {
	case errors.As(err, &pe):
		outcome, level = "panic", slog.LevelError
	case err != nil:
		outcome, level = "error", slog.LevelWarn
	}
	if !e.log.Enabled(ctx, level) {
		return err
	}
	attrs := []slog.Attr{
		slog.String("platform", string(u.Chat.Platform)), slog.String("chat", u.Chat.Chat),
		slog.Duration("latency", time.Since(start)), slog.String("outcome", outcome),
	}
	if st != nil {
		attrs = append(attrs, slog.String("flow", st.Flow), slog.String("step", string(st.Step)))
	}
	if err != nil {
		attrs = append(attrs, slog.Any("err", err))
	}
	if pe != nil {
		attrs = append(attrs, slog.String("update", u.ID), slog.String("stack", string(pe.Stack)))
	}
	e.log.LogAttrs(ctx, level, "update", attrs...)
	return err
}

func (e *Engine) handle(ctx context.Context, u Update) (st *State, err error) {
	lang := e.catalog.Match(u.User.Lang) // until the conversation is read
	var (
		snap      Snapshot
		loaded    bool
		wasOpen   bool
		committed bool
	)
	defer func() {
		// A bug in a flow must not leave the person in silence, nor the
		// conversation locked: it is answered like a technical problem.
		if p := recover(); p != nil {
			err = Recovered(u.ID, p)
			if !loaded || snap.Seen || committed {
				e.unlock(ctx, u)
				e.technicalProblem(ctx, u, lang)
				return
			}
			e.afterPanic(ctx, u, snap, wasOpen, lang)
		}
	}()
	snap, err = e.load(ctx, u)
	if err != nil {
		e.technicalProblem(ctx, u, lang)
		return nil, fmt.Errorf("load conversation: %w", err)
	}
	loaded = true
	lang = e.language(u, snap)
	defer e.keepLock(ctx, u)()
	if snap.Seen {
		// Handled before: its effects are stored; send what may not have
		// gone out, and nothing else.
		return snap.State, e.deliver(ctx, u, snap.Pending)
	}
	before := snap.Profile.clone() // newConv may already change it
	// The flow changes the loaded state in place: whether a question was
	// open is read before.
	wasOpen = snap.State != nil && snap.State.Flow != ""
	c := e.newConv(ctx, u, snap, lang)
	if err := e.dispatch(c); err != nil {
		e.unlock(ctx, u)
		e.technicalProblem(ctx, u, lang)
		return c.State, fmt.Errorf("handle update: %w", err)
	}
	if err := e.privately(c); err != nil {
		e.unlock(ctx, u)
		e.technicalProblem(ctx, u, lang)
		return c.State, fmt.Errorf("reach the person's direct chat: %w", err)
	}
	numberButtons(c, wasOpen)
	ch := Change{
		Profile:        c.Profile,
		ProfileChanged: !before.equal(c.Profile),
		ActiveChanged:  wasOpen != (c.State.Flow != ""),
		Erase:          c.erase,
		Replies:        c.out,
		Handled:        snap.Handled,
	}
	if c.State.Flow != "" || len(c.State.Buttons) > 0 || c.State.Lang != "" {
		ch.State = c.State
	}
	if err := e.store.Commit(ctx, u.User, u.ID, ch); err != nil {
		e.unlock(ctx, u)
		e.technicalProblem(ctx, u, lang)
		return c.State, fmt.Errorf("commit conversation: %w", err)
	}
	committed = true
	if ch.Erase && u.Forget != nil {
		u.Forget(ctx)
	}
	if u.Ack == nil {
		return c.State, e.deliver(ctx, u, c.out)
	}
	var ack sync.WaitGroup
	ack.Go(func() {
		defer func() {
			// A bug in an acknowledgement must not take the process down.
			if p := recover(); p != nil {
				e.log.Error("acknowledge update", "panic", p, "stack", string(debug.Stack()))
			}
		}()
		u.Ack(ctx, c.press)
	})
	err = e.deliver(ctx, u, c.out)
	ack.Wait()
	return c.State, err
}

// newConv is the conversation of update u in lang, from what was stored.
func (e *Engine) newConv(ctx context.Context, u Update, snap Snapshot, lang string) *Conv {
	st := snap.State
	if st == nil {
		st = &State{}
	}
	c := &Conv{
		ctx: ctx, Update: u, State: st, Profile: snap.Profile,
		L: e.localizer(u, lang), Now: e.now(), engine: e,
	}
	if e.orgs != nil {
		c.Organizer = e.orgs.IsOrganizer(ctx, u.User)
	}
	if p := c.Profile; p != nil {
		if p.Unreachable || p.Chat != u.Chat && u.Private {
			// Writing again makes a person reachable again, where they wrote.
			p.Unreachable = false
			p.Chat = u.Chat
		}
		if day := c.Now.UTC().Truncate(24 * time.Hour); !p.Active.Equal(day) {
			p.Active = day
		}
	}
	return c
}

// load reads the person's conversation, waiting while another process
// handles one of their updates.
func (e *Engine) load(ctx context.Context, u Update) (Snapshot, error) {
	wait := 5 * time.Millisecond
	for {
		snap, err := e.store.Load(ctx, u.User, u.ID)
		if !errors.Is(err, ErrBusy) {
			return snap, err
		}
		select {
		case <-ctx.Done():
			return snap, ctx.Err()
		case <-time.After(wait):
		}
		wait = min(wait*2, 200*time.Millisecond)
	}
}

// keepLock renews the person's lock while the update is in hand, until
// the returned function is called.
func (e *Engine) keepLock(ctx context.Context, u Update) (stop func()) {
	if u.ID == "" {
		return func() {}
	}
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(LockTTL / 3)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-t.C:
				if err := e.store.Extend(ctx, u.User, u.ID); err != nil {
					e.log.Warn("renew conversation lock", "err", err)
				}
			}
		}
	}()
	return func() { close(done); <-finished }
}

func (e *Engine) unlock(ctx context.Context, u Update) {
	if u.ID == "" {
		return
	}
	if err := e.store.Unlock(ctx, u.User, u.ID); err != nil {
		e.log.Warn("release conversation lock", "err", err)
	}
}

// deliver sends the replies, each with its Key (the same on every
// delivery of the update); once all went out it confirms them and
// releases the person's lock. When a send fails, the replies stay pending
// for the next delivery of the update.
func (e *Engine) deliver(ctx context.Context, u Update, msgs []Message) error {
	unreached := false
	for i, m := range msgs {
		if u.ID != "" {
			m.Key = u.ID + "#" + strconv.Itoa(i)
		}
		if unreached && !m.Instead.IsZero() {
			m.Text = m.Instead
		}
		if err := e.out.Send(ctx, m); err != nil {
			if errors.Is(err, ErrUnreachable) {
				e.log.Info("recipient unreachable", "platform", m.To.Platform)
				unreached = true
				continue
			}
			e.unlock(ctx, u)
			return fmt.Errorf("send reply: %w", err)
		}
	}
	if u.ID == "" {
		return nil
	}
	if err := e.store.Delivered(ctx, u.User, u.ID); err != nil {
		// The replies went out; at worst a redelivery repeats them, and
		// the lock expires by itself.
		e.log.Warn("confirm delivery", "err", err)
	}
	return nil
}

// language is what a person is addressed in: their profile's language,
// else the one they chose in the conversation, else the catalog's closest
// to their platform's.
func (e *Engine) language(u Update, snap Snapshot) string {
	switch {
	case snap.Profile != nil && snap.Profile.Lang != "":
		return snap.Profile.Lang
	case snap.State != nil && snap.State.Lang != "":
		return snap.State.Lang
	}
	return e.catalog.Match(u.User.Lang)
}

// localizer is the lookup in lang for the chat of u, naming commands and
// buttons as its platform takes them.
func (e *Engine) localizer(u Update, lang string) *Localizer {
	return e.catalog.For(lang, u.Chat.Platform, u.Private)
}

// afterPanic answers an update whose handling panicked like a technical
// problem and stores it as handled, with none of its changes and without
// the open question (which may be what panicked): delivered again, after a
// reconnect or by a webhook's retry, it is not handled again and the
// notice does not go out twice (see PanicError).
func (e *Engine) afterPanic(ctx context.Context, u Update, snap Snapshot, wasOpen bool, lang string) {
	notice := Message{To: u.Chat, Thread: u.Thread, Text: e.localizer(u, lang).T("error_technical")}
	if u.ID == "" {
		e.technicalProblem(ctx, u, lang)
		return
	}
	ch := Change{ActiveChanged: wasOpen, Replies: []Message{notice}, Handled: snap.Handled}
	if snap.State != nil && snap.State.Lang != "" {
		ch.State = &State{Lang: snap.State.Lang} // the language chosen in the conversation stays
	}
	if err := e.store.Commit(ctx, u.User, u.ID, ch); err != nil {
		e.log.Warn("store a panicked update as handled", "err", err)
		e.unlock(ctx, u)
		e.technicalProblem(ctx, u, lang)
		return
	}
	if err := e.deliver(ctx, u, ch.Replies); err != nil {
		e.log.Warn("send technical problem notice", "err", err)
	}
}

// technicalProblem tells the person in lang that something failed,
// without the store: the store may be what failed.
func (e *Engine) technicalProblem(ctx context.Context, u Update, lang string) {
	m := Message{To: u.Chat, Thread: u.Thread, Text: e.localizer(u, lang).T("error_technical")}
	if err := e.out.Send(ctx, m); err != nil {
		e.log.Warn("send technical problem notice", "err", err)
	}
}

func (e *Engine) dispatch(c *Conv) error {
	u := c.Update
	if u.Button == "" && u.Command == "" {
		if name, args, ok := ParseCommand(u.Text); ok {
			c.Update.Command, c.Update.Args = name, args
		}
	}
	switch {
	case u.Unsupported:
		if !u.Private {
			return nil
		}
		c.Say("error_unsupported")
		return e.reprompt(c) // the open question is not lost
	case u.Button != "":
		return e.press(c, u.Button)
	case c.Update.Command != "":
		return e.command(c, c.Update.Command)
	}
	text := strings.TrimSpace(u.Text)
	switch {
	case text == "":
		c.Say("error_empty")
		return e.reprompt(c)
	case utf8.RuneCountInString(text) > e.maxInput && e.expectsText(c):
		// The question shown again names its own limits, which may be
		// lower than the bot's.
		c.Say("error_too_long_answer", "Length", utf8.RuneCountInString(text))
		return e.reprompt(c)
	case utf8.RuneCountInString(text) > e.maxInput:
		c.Say("error_too_long", "Max", e.maxInput, "Length", utf8.RuneCountInString(text))
		return e.reprompt(c)
	}
	if b, ok := typedButton(c.State.Buttons, text); ok {
		return e.press(c, b.Payload)
	}
	if u.BareCommands && !e.expectsText(c) {
		name, args, _ := strings.Cut(text, " ")
		if _, ok := e.commands[strings.ToLower(name)]; ok {
			c.Update.Command, c.Update.Args = strings.ToLower(name), strings.TrimSpace(args)
			return e.command(c, c.Update.Command)
		}
	}
	if c.State.Flow == "" {
		if c.Profile == nil && u.Private && c.State.Lang == "" {
			return e.startFlow(c, e.flows[e.start])
		}
		c.Say("error_not_understood")
		return nil
	}
	step, ok := e.step(c.State)
	if !ok {
		c.State.Flow = ""
		c.Say("error_not_understood")
		return nil
	}
	if !c.State.FreeText {
		c.Say("error_use_buttons")
		return e.reprompt(c)
	}
	return e.answer(c, step, Input{Text: text})
}

// expectsText reports whether the open question takes free text, where a
// bare word is an answer rather than a command.
func (e *Engine) expectsText(c *Conv) bool {
	_, open := e.step(c.State)
	return open && c.State.FreeText
}

func (e *Engine) step(st *State) (Step, bool) {
	f, ok := e.flows[st.Flow]
	if !ok {
		return Step{}, false
	}
	s, ok := f.Steps[st.Step]
	return s, ok && s.Handle != nil
}

func (e *Engine) press(c *Conv, payload string) error {
	seq, value, action, arg, ok := parsePayload(payload)
	if ok && action != "" {
		a, found := e.actions[action]
		if !found {
			c.Refuse("error_stale")
			return nil
		}
		return a(c, arg)
	}
	step, open := e.step(c.State)
	if !ok || !open || seq != c.State.Seq {
		c.Refuse("error_stale")
		return nil
	}
	return e.answer(c, step, Input{Choice: value})
}

func (e *Engine) command(c *Conv, name string) error {
	fname, ok := e.commands[name]
	if !ok {
		c.Say("error_unknown_command", "Command", c.L.Hints.Cmd(name))
		return nil
	}
	f := e.flows[fname]
	if f.Organizer && !c.Organizer {
		c.Say("error_organizers_only")
		return nil
	}
	if f.Personal {
		c.Personal()
	}
	if f.Consent && c.Profile == nil {
		c.State.Flow = ""
		if err := e.startFlow(c, e.flows[e.start]); err != nil {
			return err
		}
		c.Set("then", f.Name)
		return nil
	}
	if f.Aside && c.State.Flow != "" {
		if _, err := e.show(c, f, f.Start, false); err != nil {
			return err
		}
		return e.reprompt(c)
	}
	if _, open := e.step(c.State); f.Resume && open && c.State.Flow != f.Name {
		paused := &Paused{Flow: c.State.Flow, Step: c.State.Step, Data: c.State.Data}
		if err := e.startFlow(c, f); err != nil {
			return err
		}
		c.State.Paused = paused
		if c.State.Flow == "" {
			return e.end(c) // it asked nothing
		}
		return nil
	}
	return e.startFlow(c, f)
}

// StartFlow begins flow by name, as a command would, from an action.
// data (key, value pairs) is the flow's scratch data from its first
// prompt on, for flows about something, such as the event to edit.
func (c *Conv) StartFlow(name string, data ...string) error {
	f, ok := c.engine.flows[name]
	if !ok {
		return fmt.Errorf("no flow %q", name)
	}
	return c.engine.startFlow(c, f, data...)
}

// RunCommand runs a command as if the person had typed it, with the same
// checks, for menu buttons.
func (c *Conv) RunCommand(name string) error { return c.engine.command(c, name) }

func (e *Engine) startFlow(c *Conv, f *Flow, data ...string) error {
	c.State.Flow, c.State.Data, c.State.Paused = f.Name, nil, nil
	for i := 0; i+1 < len(data); i += 2 {
		c.Set(data[i], data[i+1])
	}
	first := f.Start
	if f.Begin != nil {
		first = f.Begin(c)
	}
	c.State.Step = first
	return e.enter(c, f, first)
}

// answer runs the step's handler and moves on.
func (e *Engine) answer(c *Conv, step Step, in Input) error {
	next, err := step.Handle(c, in)
	if err != nil {
		return err
	}
	if c.switchTo != "" {
		f, ok := e.flows[c.switchTo]
		c.switchTo = ""
		if !ok {
			return fmt.Errorf("switch to unknown flow")
		}
		return e.startFlow(c, f)
	}
	if c.erase {
		c.State.Flow, c.State.Step, c.State.Data, c.State.Paused = "", "", nil, nil
		return nil
	}
	if next == End {
		return e.end(c)
	}
	again := next == c.State.Step
	shown := len(c.out)
	if err := e.enter(c, e.flows[c.State.Flow], next); err != nil {
		return err
	}
	if again && c.Update.Button != "" && c.Update.Pressed != "" && len(c.out) == shown+1 && len(c.out[shown].Buttons) > 0 {
		// The same question again after a press (a multiple choice with
		// one more ticked): it replaces the pressed message, so what is
		// chosen stays in view.
		c.out[shown].Edit = c.Update.Pressed
		c.press = PressReplaced
	}
	return nil
}

// end closes the open flow; a question it had set aside is asked again.
func (e *Engine) end(c *Conv) error {
	c.State.Flow, c.State.Step, c.State.Data = "", "", nil
	p := c.State.Paused
	if p == nil {
		return nil
	}
	c.State.Paused = nil
	c.State.Flow, c.State.Step, c.State.Data = p.Flow, p.Step, p.Data
	if _, open := e.step(c.State); !open {
		c.State.Flow, c.State.Step, c.State.Data = "", "", nil
		return nil
	}
	return e.reprompt(c)
}

// enter shows step of f and makes it the open question, or ends the flow
// when the step asks nothing.
func (e *Engine) enter(c *Conv, f *Flow, id StepID) error {
	c.State.Step = id
	asks, err := e.show(c, f, id, true)
	if err != nil {
		return err
	}
	if !asks && c.switchTo == "" {
		if err := e.end(c); err != nil {
			return err
		}
	}
	if c.switchTo != "" {
		next := c.switchTo
		c.switchTo = ""
		return c.StartFlow(next)
	}
	return nil
}

// show renders a step's prompt as a reply and reports whether it waits for
// an answer. A fresh question gets a new Seq, which makes the buttons of
// earlier questions stale.
func (e *Engine) show(c *Conv, f *Flow, id StepID, fresh bool) (bool, error) {
	s, ok := f.Steps[id]
	if !ok {
		return false, fmt.Errorf("flow %q has no step %q", f.Name, id)
	}
	if f.Personal {
		c.Personal()
	}
	p, err := s.Prompt(c)
	if err != nil {
		return false, err
	}
	if s.Handle != nil {
		if fresh {
			c.State.Seq++
		}
		c.State.FreeText = len(p.Choices) == 0 || p.FreeText
	}
	c.prompted = true
	m := Message{Text: p.Text, File: p.File, Unnumbered: p.Numeric}
	cols := max(p.Columns, 1)
	for i, ch := range p.Choices {
		if i%cols == 0 {
			m.Buttons = append(m.Buttons, nil)
		}
		row := &m.Buttons[len(m.Buttons)-1]
		*row = append(*row, Button{Label: ch.Label, Payload: stepPayload(c.State.Seq, ch.Value)})
	}
	if !p.Text.IsZero() || m.File != nil {
		c.Reply(m)
	}
	return s.Handle != nil, nil
}

// reprompt asks the open question again, keeping its buttons valid.
func (e *Engine) reprompt(c *Conv) error {
	if _, open := e.step(c.State); !open {
		return nil
	}
	_, err := e.show(c, e.flows[c.State.Flow], c.State.Step, false)
	return err
}

// privately sends a personal answer (Conv.Personal) to a shared chat to
// the person's direct chat instead, and leaves a short pointer in the
// shared chat, in its thread. When the direct chat turns out unreachable
// on sending, the pointer asks the person to write to the bot first.
func (e *Engine) privately(c *Conv) error {
	u := c.Update
	if !c.personal || u.Private {
		return nil
	}
	if !slices.ContainsFunc(c.out, func(m Message) bool { return m.To == u.Chat }) {
		return nil
	}
	if u.Button != "" {
		// The pressed message in the shared chat shows nothing of the
		// answer: it stays as it was.
		c.press = PressRefused
	}
	here := e.catalog.For(c.L.Lang, u.Chat.Platform, false)
	dm, err := Address{}, ErrNoDirectChat
	if e.direct != nil {
		dm, err = e.direct.DirectChat(c.ctx, u.User)
	}
	switch {
	case errors.Is(err, ErrNoDirectChat):
		// Nowhere private to answer: the shared chat hears only that.
		c.out = slices.DeleteFunc(c.out, func(m Message) bool { return m.To == u.Chat })
		c.out = append(c.out, Message{To: u.Chat, Thread: u.Thread, For: u.User.ID, Text: here.T("private_unreachable")})
		return nil
	case err != nil:
		return err
	}
	for i := range c.out {
		if m := &c.out[i]; m.To == u.Chat {
			m.To, m.Thread, m.For, m.Edit = dm, "", "", ""
		}
	}
	c.direct = dm
	c.out = append(c.out, Message{
		To: u.Chat, Thread: u.Thread, For: u.User.ID,
		Text: here.T("private_sent"), Instead: here.T("private_unreachable"),
	})
	return nil
}

// numberButtons numbers the buttons of the replies to this chat and
// remembers them, so typing a number or label presses the button. A reply
// without buttons and without a question (a notice) keeps the buttons
// shown before.
//
// When a flow ended and nothing new was shown, the buttons of its
// questions are forgotten (a typed number then presses none of them);
// action buttons stay, as they work without a flow.
func numberButtons(c *Conv, wasOpen bool) {
	var remembered []Button
	n := 0
	home := c.Update.Chat
	if c.direct != (Address{}) {
		home = c.direct // the answer went to the person's direct chat
	}
	for i := range c.out {
		if c.out[i].To != home {
			continue
		}
		for r := range c.out[i].Buttons {
			for b := range c.out[i].Buttons[r] {
				if !c.out[i].Unnumbered {
					n++
					c.out[i].Buttons[r][b].Number = n
				}
				remembered = append(remembered, c.out[i].Buttons[r][b])
			}
		}
	}
	switch {
	case len(remembered) > 0 || c.prompted:
		c.State.Buttons = remembered
	case wasOpen && c.State.Flow == "":
		c.State.Buttons = slices.DeleteFunc(c.State.Buttons, func(b Button) bool {
			_, _, action, _, _ := parsePayload(b.Payload)
			return action == ""
		})
	}
}

// typedButton is the button a typed text presses: the one with that number,
// or with that label. A number no button carries is no press: where the
// question takes a number (Prompt.Numeric), it is the answer.
func typedButton(buttons []Button, text string) (Button, bool) {
	if n, err := strconv.Atoi(strings.TrimSuffix(text, ".")); err == nil {
		for _, b := range buttons {
			if b.Number != 0 && b.Number == n {
				return b, true
			}
		}
		return Button{}, false
	}
	for _, b := range buttons {
		if strings.EqualFold(strings.TrimSpace(b.Label), text) {
			return b, true
		}
	}
	return Button{}, false
}
