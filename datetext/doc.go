// Package datetext reads dates and times the way people in Germany write them
// in a chat ("Fr 19 Uhr", "12.12. 18:30", "morgen 19:30") and formats them
// back for display.
//
// Every function works in a *time.Location that the caller passes in (the
// bot uses Europe/Berlin, see [Berlin]) and relative to a "now" that the
// caller injects, so results are reproducible in tests.
//
// # Daylight saving time
//
// Wall-clock times are turned into instants by [Date]:
//
//   - A time that does not exist because the clocks go forward (in Berlin
//     02:00–02:59 on the last Sunday of March) is moved forward by the length
//     of the gap: "29.03.2026 02:30" becomes 03:30 CEST.
//   - A time that occurs twice because the clocks go back (in Berlin
//     02:00–02:59 on the last Sunday of October) means the first occurrence,
//     as RFC 5545 does for local times: "25.10.2026 02:30" becomes
//     02:30 CEST (00:30 UTC), not 02:30 CET.
package datetext
