// Package poster makes what an event poster needs to bring people from paper
// to the bot: the Telegram deep link that opens the bot on one event, and a
// printable QR code of that link.
package poster
