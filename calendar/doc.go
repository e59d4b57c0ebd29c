// Package calendar writes events as iCalendar (.ics, RFC 5545) files that
// residents can open to put a town conversation into their own calendar.
//
// Times are written as local times in Europe/Berlin (DTSTART;TZID=...) with
// the matching VTIMEZONE, so calendars show the event at the right hour
// whatever zone the reader is in. The one hour each autumn whose local times
// occur twice is written in UTC instead, since a local time there is read
// differently by different programs.
//
// An edited event keeps its UID and gets a higher Sequence, so calendars
// replace the old copy; a cancelled one is sent with METHOD:CANCEL and
// STATUS:CANCELLED.
package calendar
