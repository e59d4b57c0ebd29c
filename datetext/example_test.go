package datetext_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/heimatbot/heimatbot/datetext"
)

func ExampleParse() {
	loc, err := datetext.Berlin()
	if err != nil {
		panic(err)
	}
	now := time.Date(2026, 12, 9, 10, 0, 0, 0, loc) // a Wednesday

	for _, in := range []string{"Freitag 19 Uhr", "12.12. 18:30", "heute 8 Uhr", "nächste Woche"} {
		t, err := datetext.Parse(in, now, loc)
		switch {
		case errors.Is(err, datetext.ErrPast):
			fmt.Printf("%s: in the past\n", in)
		case errors.Is(err, datetext.ErrUnparseable):
			fmt.Printf("%s: not understood\n", in)
		default:
			fmt.Printf("%s: %s\n", in, datetext.Format(t))
		}
	}
	// Output:
	// Freitag 19 Uhr: Fr., 11.12.2026, 19:00 Uhr
	// 12.12. 18:30: Sa., 12.12.2026, 18:30 Uhr
	// heute 8 Uhr: in the past
	// nächste Woche: not understood
}

func ExampleParseEnd() {
	loc, _ := datetext.Berlin()
	start := time.Date(2026, 12, 11, 22, 0, 0, 0, loc)
	end, err := datetext.ParseEnd("bis 2 Uhr", start)
	fmt.Println(datetext.Format(end), err)
	// Output: Sa., 12.12.2026, 02:00 Uhr <nil>
}
