package main

// commands is the table of subcommands; the package comment says how to
// add one.
func commands() []command {
	return []command{
		{
			name:    "run",
			summary: "run the bot (the default): the configured platforms, else a chat in this terminal",
			example: "heimatbot run --config heimatbot.yaml",
			define:  defineRun,
		},
		{
			name:    "digest",
			summary: "print the weekly picture of the days before now as Markdown, without sending it",
			example: "heimatbot digest --since 7d --chart wochenbild.png",
			define:  defineDigest,
		},
		{
			name:    "export",
			summary: "write all data to a file, anonymous, as XLSX, a ZIP of CSV files, or a folder in Pol.is's format",
			example: "heimatbot export --format xlsx --out daten.xlsx",
			define:  defineExport,
		},
		{
			name:    "map",
			summary: "draw the opinion map of a Pol.is export as the digest does (Markdown); --groups writes each voter's group",
			example: "heimatbot map --polis polis/testdata/15-per-hour-seattle --groups groups.csv",
			define:  defineMap,
		},
		{
			name:    "event create",
			summary: "create an event and schedule its reminders; prints its id",
			example: `heimatbot event create --title "Stadtgespräch Jugend" --start "12.12. 18:30" --place "Rathaus"`,
			define:  defineEventCreate,
		},
		{
			name:    "event list",
			summary: "list the upcoming events: id, start, title, answers",
			example: "heimatbot event list",
			define:  defineEventList,
		},
		{
			name:    "event edit",
			summary: "change an event; a new start reschedules its reminders and tells those who answered",
			args:    "ID",
			example: `heimatbot event edit ID --start "13.12. 18:30"`,
			define:  defineEventEdit,
		},
		{
			name:    "event cancel",
			summary: "cancel an event and tell those who said yes or maybe",
			args:    "ID",
			example: "heimatbot event cancel ID",
			define:  defineEventCancel,
		},
		{
			name:    "event poster",
			summary: "write the event's printable A4 poster (PDF) with its QR code and short link",
			args:    "ID",
			example: "heimatbot event poster ID --out plakat.pdf",
			define:  defineEventPoster,
		},
		{
			name:    "healthcheck",
			summary: "check that the running bot answers on /healthz (the Docker image's HEALTHCHECK); exit 0 when it does",
			example: "heimatbot healthcheck --url http://127.0.0.1:8080/healthz",
			define:  defineHealthcheck,
		},
	}
}
