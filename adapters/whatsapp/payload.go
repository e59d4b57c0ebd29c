package whatsapp

import (
	"encoding/json"
	"errors"
	"fmt"
)

// Payload is a webhook POST of Meta's: entries of changes, each carrying
// messages from people or statuses of sent messages.
type Payload struct {
	Object string  `json:"object"`
	Entry  []Entry `json:"entry"`
}

// Entry is one WhatsApp Business Account's part of a payload.
type Entry struct {
	ID      string   `json:"id"`
	Changes []Change `json:"changes"`
}

// Change is one change of a field ("messages" for messages and statuses).
type Change struct {
	Field string `json:"field"`
	Value Value  `json:"value"`
}

// Value holds the messages and statuses of a change.
type Value struct {
	MessagingProduct string        `json:"messaging_product"`
	Metadata         Metadata      `json:"metadata"`
	Contacts         []Contact     `json:"contacts,omitempty"`
	Messages         []InMessage   `json:"messages,omitempty"`
	Statuses         []Status      `json:"statuses,omitempty"`
	Errors           []StatusError `json:"errors,omitempty"`
}

// Metadata names the business number a change is for.
type Metadata struct {
	DisplayPhoneNumber string `json:"display_phone_number"`
	PhoneNumberID      string `json:"phone_number_id"`
}

// Contact is the sender's profile as WhatsApp tells it.
type Contact struct {
	WaID    string `json:"wa_id"`
	Profile struct {
		Name string `json:"name"`
	} `json:"profile"`
}

// InMessage is a message a person sent.
type InMessage struct {
	From        string          `json:"from"`
	ID          string          `json:"id"`
	Timestamp   string          `json:"timestamp"`
	Type        string          `json:"type"`
	Text        *InText         `json:"text,omitempty"`
	Interactive *InInteractive  `json:"interactive,omitempty"`
	Button      *InButton       `json:"button,omitempty"`
	Context     json.RawMessage `json:"context,omitempty"`
}

// InText is a text message's body.
type InText struct {
	Body string `json:"body"`
}

// InInteractive is the answer to an interactive message: a pressed reply
// button or a chosen list row.
type InInteractive struct {
	Type        string   `json:"type"`
	ButtonReply *InReply `json:"button_reply,omitempty"`
	ListReply   *InReply `json:"list_reply,omitempty"`
}

// InReply is a pressed reply button or chosen row: the id the bot gave it.
type InReply struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
}

// InButton is a pressed quick-reply button of a template.
type InButton struct {
	Payload string `json:"payload"`
	Text    string `json:"text"`
}

// Status is what became of a sent message.
type Status struct {
	ID          string        `json:"id"`
	Status      string        `json:"status"`
	Timestamp   string        `json:"timestamp"`
	RecipientID string        `json:"recipient_id"`
	Errors      []StatusError `json:"errors,omitempty"`
}

// StatusError is why a message failed.
type StatusError struct {
	Code    int    `json:"code"`
	Title   string `json:"title"`
	Message string `json:"message,omitempty"`
}

// maxPayload bounds a webhook body.
const maxPayload = 1 << 20

// ParseWebhook reads a webhook body. It refuses what is not a WhatsApp
// Business Account's payload; parts it does not know are left out.
func ParseWebhook(body []byte) (Payload, error) {
	var p Payload
	if len(body) > maxPayload {
		return p, errors.New("payload too large")
	}
	if err := json.Unmarshal(body, &p); err != nil {
		return p, fmt.Errorf("decode payload: %w", err)
	}
	if p.Object != "whatsapp_business_account" {
		return p, fmt.Errorf("payload of %q", p.Object)
	}
	return p, nil
}
