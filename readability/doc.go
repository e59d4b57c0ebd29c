// Package readability measures how easy a text is to read: its sentences,
// their length in words, the share of long words and Björnsson's
// readability index LIX, which works for German as for the Scandinavian
// languages it was made for (Björnsson, C. H. 1968: Läsbarhet. Stockholm:
// Liber):
//
//	LIX = words / sentences + 100 · long words / words
//
// A long word has more than six letters. LIX below 30 reads as very easy
// (children's books), 30–40 as easy, 40–50 as average (fiction), 50–60 as
// hard (non-fiction) and above 60 as very hard (the scale used by
// psychometrica.de/lix.html after Rosebrock and Nix, Leseflüssigkeit
// fördern, 2017).
//
// The choices a measure has to make, and the ones made here:
//
//   - A sentence ends at ".", "!", "?", "…" and ":" followed by a space or
//     the end of the text (Björnsson counts the colon as a sentence end),
//     and at every line break: a chat message's lines are headings, list
//     items and statements of their own. "Organisator:innen" and "19:30"
//     end nothing.
//   - A period after a number followed by more text is an ordinal ("am
//     8. Dezember"), and a period after a known abbreviation ("z. B.",
//     "bzw.") ends no sentence either.
//   - A word is a run of non-space characters with at least one letter or
//     digit; punctuation around it is no part of it. A hyphenated compound
//     ("E-Mail-Adresse") is one word, and its letters are all its parts'
//     letters: plain language splits compounds with a hyphen to help the
//     eye, but they stay long words. Digits are no letters: "8682" is a
//     short word.
//   - Go template actions in catalog texts are handled by [Template]: a
//     value ("{{.Name}}") counts as one short word, since the measure cannot
//     know it; a condition is measured as if it held, its else branch left
//     out.
package readability
