module github.com/heimatbot/heimatbot

go 1.26.8
