package digest

import "strings"

// Labels resolves a community's configured ids (districts, themes, roles,
// help categories) to their names, for the digest and the exports alike.
type Labels struct {
	districts, themes, roles, help map[string]string
}

// Labels returns the names of the community's configured ids.
func (c Community) Labels() Labels {
	m := func(cs []Category) map[string]string {
		out := make(map[string]string, len(cs))
		for _, c := range cs {
			out[c.ID] = c.Name
		}
		return out
	}
	return Labels{m(c.Districts), m(c.Themes), m(c.Roles), m(c.HelpCategories)}
}

// District names a district id; an id that is not configured stands for
// itself, as with every method here.
func (l Labels) District(id string) string { return label(l.districts, id) }

// Theme names a theme id.
func (l Labels) Theme(id string) string { return label(l.themes, id) }

// Role names a role id.
func (l Labels) Role(id string) string { return label(l.roles, id) }

// HelpCategories names help category ids, joined with "; ".
func (l Labels) HelpCategories(ids []string) string { return labelList(l.help, ids) }

// Districts names district ids, joined with "; ".
func (l Labels) Districts(ids []string) string { return labelList(l.districts, ids) }

// label returns the name of id, the id itself when it is not configured,
// and "" for no id.
func label(m map[string]string, id string) string {
	if n, ok := m[id]; ok {
		return n
	}
	return id
}

func labelList(m map[string]string, ids []string) string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = label(m, id)
	}
	return strings.Join(out, "; ")
}
