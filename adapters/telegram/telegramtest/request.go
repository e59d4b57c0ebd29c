package telegramtest

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
)

// maxBody bounds the body the fake reads; Telegram's upload limit is 50 MB.
const maxBody = 50 << 20

// File is a file uploaded with a multipart request.
type File struct {
	Field string // parameter it was uploaded as, e.g. "document"
	Name  string // file name given by the client
	Data  []byte
}

// readParams collects a request's parameters from the query string and the
// body, which may be form-urlencoded, multipart or JSON, as Telegram allows.
func readParams(r *http.Request) (map[string]string, map[string]File, error) {
	return readBody(r.Header.Get("Content-Type"), r.URL.Query(), r.Body)
}

// readBody collects parameters from query and from a body of the given
// Content-Type: a request's, or a webhook reply's.
func readBody(ct string, query url.Values, r io.Reader) (map[string]string, map[string]File, error) {
	params := map[string]string{}
	for k, vs := range query {
		params[k] = vs[len(vs)-1]
	}
	files := map[string]File{}
	if ct == "" {
		return params, files, nil
	}
	mediaType, mediaParams, err := mime.ParseMediaType(ct)
	if err != nil {
		return nil, nil, fmt.Errorf("bad Content-Type %q: %w", ct, err)
	}
	body := io.LimitReader(r, maxBody)
	switch mediaType {
	case "application/x-www-form-urlencoded":
		data, err := io.ReadAll(body)
		if err != nil {
			return nil, nil, err
		}
		values, err := url.ParseQuery(string(data))
		if err != nil {
			return nil, nil, fmt.Errorf("bad form body: %w", err)
		}
		for k, vs := range values {
			params[k] = vs[len(vs)-1]
		}
	case "multipart/form-data":
		if err := readMultipart(multipart.NewReader(body, mediaParams["boundary"]), params, files); err != nil {
			return nil, nil, err
		}
	case "application/json":
		if err := readJSONBody(body, params); err != nil {
			return nil, nil, err
		}
	default:
		return nil, nil, fmt.Errorf("unsupported Content-Type %q", mediaType)
	}
	return params, files, nil
}

func readMultipart(mr *multipart.Reader, params map[string]string, files map[string]File) error {
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("bad multipart body: %w", err)
		}
		data, err := io.ReadAll(io.LimitReader(part, maxBody))
		if err != nil {
			return fmt.Errorf("bad multipart body: %w", err)
		}
		name := part.FormName()
		if part.FileName() != "" {
			files[name] = File{Field: name, Name: part.FileName(), Data: data}
		} else {
			params[name] = string(data)
		}
	}
}

// readJSONBody flattens a JSON object body into parameters: strings as
// themselves, any other value as its JSON text, null as absent.
func readJSONBody(body io.Reader, params map[string]string) error {
	var obj map[string]json.RawMessage
	if err := json.NewDecoder(body).Decode(&obj); err != nil {
		return fmt.Errorf("bad JSON body: %w", err)
	}
	for k, raw := range obj {
		var s string
		switch {
		case string(raw) == "null":
			continue
		case json.Unmarshal(raw, &s) == nil:
			params[k] = s
		default:
			params[k] = string(raw)
		}
	}
	return nil
}
