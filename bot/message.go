package bot

// Message is one outbound message.
type Message struct {
	To Address
	// Thread answers inside a thread where the platform has them.
	Thread  string
	Text    Text
	Buttons [][]Button
	File    *File
	// Key is the same on every sending of one reply, different for every
	// other message: the engine derives it from the update and the
	// reply's place among its replies. A platform that recognises a
	// message sent twice (Mattermost, by a post's pending id, for 30 s)
	// shows a reply sent again after a crash once. Empty: no such key.
	Key string
	// Kind names a message the bot sends by itself rather than as an
	// answer (an invitation, a reminder, a request for help): a platform
	// that takes such messages only in approved forms (WhatsApp's
	// templates once its 24-hour window has closed) picks the form by
	// it. Empty for answers.
	Kind string `json:",omitempty"`
	// Vars are the values such a message is made of (an event's title and
	// time), for the parameters of those forms.
	Vars map[string]string `json:",omitempty"`
	// Edit, when set, is the platform id of a message in the same chat
	// that this one replaces, where the platform can edit messages; an
	// adapter that cannot sends it as a new message.
	Edit string `json:",omitempty"`
	// Unnumbered says the buttons have no Number because the question
	// takes a number as its answer: a typed number is that answer, and a
	// numbered list shows these buttons by their label alone.
	Unnumbered bool `json:",omitempty"`
	// For is the person (their User.ID) a reply in a shared chat belongs
	// to: an adapter that can lets only them press its buttons.
	For string `json:",omitempty"`
	// Instead, when set, replaces Text if a message before it in the same
	// answer could not be delivered because its recipient is unreachable:
	// the public pointer to a direct chat the bot may not write to yet.
	Instead Text `json:",omitempty"`
}

// Button is one choice. Payload is short and opaque; adapters that cannot
// carry it directly keep it elsewhere. Number is the button's number among
// all buttons of one answer, for platforms that show choices as a numbered
// list: typing the number presses the button.
type Button struct {
	Label   string `json:"label"`
	Payload string `json:"payload"`
	Number  int    `json:"n,omitempty"`
}

// File is an attachment: an .ics, .csv, .json or .png.
type File struct {
	Name        string `json:"name"`
	ContentType string `json:"content_type"`
	Data        []byte `json:"data"`
}

// IsImage reports whether the file should be shown as a picture.
func (f *File) IsImage() bool {
	return f != nil && f.ContentType == "image/png"
}
