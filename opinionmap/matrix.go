package opinionmap

import (
	"cmp"
	"fmt"
	"slices"
)

// matrix is the vote matrix in compressed sparse row form: one row per
// voter, one column per statement, only the votes that exist. Voter and
// statement ids are sorted, so results do not depend on the input order.
type matrix struct {
	voters     []string
	statements []string
	rowPtr     []int   // row i is cols[rowPtr[i]:rowPtr[i+1]]
	cols       []int32 // statement index, ascending within a row
	vals       []int8
}

func (m *matrix) row(i int) ([]int32, []int8) {
	return m.cols[m.rowPtr[i]:m.rowPtr[i+1]], m.vals[m.rowPtr[i]:m.rowPtr[i+1]]
}

func (m *matrix) rowLen(i int) int { return m.rowPtr[i+1] - m.rowPtr[i] }

// newMatrix checks the votes and builds the matrix; a repeated vote of the
// same voter on the same statement replaces the earlier one.
func newMatrix(votes []Vote) (*matrix, error) {
	voterIdx := make(map[string]int32)
	stmtIdx := make(map[string]int32)
	vi := make([]int32, len(votes))
	si := make([]int32, len(votes))
	for k, v := range votes {
		if v.Value < Disagree || v.Value > Agree {
			return nil, fmt.Errorf("vote %d (voter %q, statement %q) has value %d: %w", k, v.Voter, v.Statement, v.Value, ErrInvalidVote)
		}
		vi[k] = intern(voterIdx, v.Voter)
		si[k] = intern(stmtIdx, v.Statement)
	}
	voters, voterPerm := sortedIDs(voterIdx)
	statements, stmtPerm := sortedIDs(stmtIdx)

	// Counting sort by voter keeps the input order within each row.
	rowPtr := make([]int, len(voters)+1)
	for _, v := range vi {
		rowPtr[voterPerm[v]+1]++
	}
	for i := range voters {
		rowPtr[i+1] += rowPtr[i]
	}
	type entry struct {
		col int32
		val int8
	}
	entries := make([]entry, len(votes))
	next := slices.Clone(rowPtr[:len(voters)])
	for k := range votes {
		r := voterPerm[vi[k]]
		entries[next[r]] = entry{stmtPerm[si[k]], votes[k].Value}
		next[r]++
	}

	m := &matrix{
		voters:     voters,
		statements: statements,
		rowPtr:     make([]int, len(voters)+1),
		cols:       make([]int32, 0, len(votes)),
		vals:       make([]int8, 0, len(votes)),
	}
	for i := range voters {
		row := entries[rowPtr[i]:rowPtr[i+1]]
		slices.SortStableFunc(row, func(a, b entry) int { return cmp.Compare(a.col, b.col) })
		for k, e := range row {
			if k+1 < len(row) && row[k+1].col == e.col {
				continue // a later vote on the same statement wins
			}
			m.cols = append(m.cols, e.col)
			m.vals = append(m.vals, e.val)
		}
		m.rowPtr[i+1] = len(m.cols)
	}
	return m, nil
}

func intern(idx map[string]int32, id string) int32 {
	if k, ok := idx[id]; ok {
		return k
	}
	k := int32(len(idx))
	idx[id] = k
	return k
}

// sortedIDs returns the ids in ascending order and, for each interned
// index, its position in that order.
func sortedIDs(idx map[string]int32) ([]string, []int32) {
	ids := make([]string, 0, len(idx))
	for id := range idx {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	perm := make([]int32, len(idx))
	for pos, id := range ids {
		perm[idx[id]] = int32(pos)
	}
	return ids, perm
}
