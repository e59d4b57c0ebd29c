// Package lease keeps a process's claim on shared work in Redis (a
// consumer to elect, a scheduled run, a job, a broadcast's recipient)
// alive while the work runs, and ends the work as soon as the process can
// no longer count on the claim, before another process can take it over.
//
// A claim is taken for a ttl and renewed every ttl/3. A process counts on
// it for two thirds of the ttl after the last renewal Redis confirmed; the
// last third is the margin in which the work stops, whatever delayed the
// renewals (Redis away, a stalled network, a paused process).
package lease
