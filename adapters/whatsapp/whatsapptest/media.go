package whatsapptest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// Media types and sizes WhatsApp takes.
var mediaTypes = map[string]int64{
	"image/jpeg":                    5 << 20,
	"image/png":                     5 << 20,
	"text/plain":                    100 << 20,
	"application/pdf":               100 << 20,
	"application/msword":            100 << 20,
	"application/vnd.ms-excel":      100 << 20,
	"application/vnd.ms-powerpoint": 100 << 20,
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document":   100 << 20,
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":         100 << 20,
	"application/vnd.openxmlformats-officedocument.presentationml.presentation": 100 << 20,
}

// upload takes a file as the media endpoint does: multipart with
// messaging_product, type and file, of a type and size WhatsApp takes.
func (s *Server) upload(w http.ResponseWriter, r *http.Request) {
	err := r.ParseMultipartForm(32 << 20)
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.authorized(r) {
		s.violate("upload without a valid access token")
		s.refuse(w, CodeAuth, "")
		return
	}
	if err != nil {
		s.violate("upload is no multipart form: %v", err)
		s.refuse(w, CodeInvalidParameter, "multipart form expected")
		return
	}
	typ := r.FormValue("type")
	f, hdr, ferr := r.FormFile("file")
	switch {
	case r.FormValue("messaging_product") != "whatsapp":
		s.violate("upload without messaging_product whatsapp")
		s.refuse(w, CodeInvalidParameter, "messaging_product is required")
		return
	case ferr != nil:
		s.violate("upload without file")
		s.refuse(w, CodeInvalidParameter, "file is required")
		return
	}
	defer func() { _ = f.Close() }()
	data, _ := io.ReadAll(f)
	partType := strings.TrimSpace(strings.Split(hdr.Header.Get("Content-Type"), ";")[0])
	limit, ok := mediaTypes[typ]
	switch {
	case !ok:
		s.violate("upload of type %q, which WhatsApp does not take", typ)
		s.refuse(w, CodeMediaUpload, "unsupported type "+typ)
		return
	case partType != typ:
		s.violate("upload of type %q whose file says %q", typ, partType)
		s.refuse(w, CodeMediaUpload, "type and file differ")
		return
	case int64(len(data)) > limit:
		s.violate("upload of %d bytes of %s, at most %d", len(data), typ, limit)
		s.refuse(w, CodeMediaUpload, fmt.Sprintf("file too large: %d bytes", len(data)))
		return
	case len(data) == 0:
		s.violate("empty upload")
		s.refuse(w, CodeMediaUpload, "empty file")
		return
	}
	id := s.nextID("10")
	s.media[id] = typ
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]string{"id": id})
}
