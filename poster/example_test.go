package poster_test

import (
	"fmt"

	"github.com/heimatbot/heimatbot/poster"
)

func ExampleDeepLink() {
	link, err := poster.DeepLink("@heimatbot", "ev_42")
	if err != nil {
		panic(err)
	}
	png, err := poster.QRCodePNG(link, poster.PrintSize)
	fmt.Println(link, len(png) > 0, err)
	// Output: https://t.me/heimatbot?start=ev_42 true <nil>
}
