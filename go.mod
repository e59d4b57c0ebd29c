module github.com/heimatbot/heimatbot

go 1.26.8

require github.com/arran4/golang-ical v0.3.4
