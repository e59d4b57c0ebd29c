//go:build !race

package polis

const raceDetector = false
