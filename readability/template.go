package readability

import "strings"

// Template turns a catalog text with Go template actions into the text a
// reader sees when every condition holds: "{{if …}}" and "{{end}}" go, an
// "{{else}}" branch is left out, and a value such as "{{.Name}}" becomes
// the placeholder word "⟨Name⟩", which counts as one short word.
func Template(s string) string {
	var sb strings.Builder
	// blocks holds, for every open if/with/range, whether it is in its
	// else branch; text shows only where none is.
	var blocks []bool
	shown := func() bool {
		for _, inElse := range blocks {
			if inElse {
				return false
			}
		}
		return true
	}
	for {
		i := strings.Index(s, "{{")
		j := strings.Index(s[max(i, 0):], "}}")
		if i < 0 || j < 0 {
			if shown() {
				sb.WriteString(s)
			}
			return sb.String()
		}
		if shown() {
			sb.WriteString(s[:i])
		}
		action := strings.Fields(strings.Trim(s[i+2:i+j], "- "))
		s = s[i+j+2:]
		first := ""
		if len(action) > 0 {
			first = action[0]
		}
		switch first {
		case "if", "with", "range", "block":
			blocks = append(blocks, false)
		case "else":
			if len(blocks) > 0 {
				blocks[len(blocks)-1] = true
			}
		case "end":
			if len(blocks) > 0 {
				blocks = blocks[:len(blocks)-1]
			}
		default:
			if shown() {
				name := strings.TrimPrefix(first, ".")
				if name == "" {
					name = "…"
				}
				sb.WriteString("⟨" + name + "⟩")
			}
		}
	}
}
