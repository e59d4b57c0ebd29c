//go:build race

package polis

// raceDetector is true under -race, which makes the map some ten times
// slower; the shuffle test then runs fewer shuffles of the full
// conversations.
const raceDetector = true
