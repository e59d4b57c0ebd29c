package mattermosttest

import (
	"bytes"
	"io"
	"net/http"
	"slices"

	"github.com/mattermost/mattermost/server/public/model"
)

// storedFile is an uploaded file.
type storedFile struct {
	info *model.FileInfo
	data []byte
}

// Upload is a file the bot uploaded.
type Upload struct {
	ID        string
	Name      string
	ChannelID string
	PostID    string // empty until a post attaches the file
	Data      []byte
}

// storeFile saves an upload. Callers hold s.mu.
func (s *Server) storeFile(userID, channelID, name string, data []byte) *model.FileInfo {
	info := model.NewInfo(name)
	if info.MimeType == "" {
		info.MimeType = http.DetectContentType(data)
	}
	info.Id = model.NewId()
	info.CreatorId = userID
	info.ChannelId = channelID
	info.CreateAt = s.millis()
	info.UpdateAt = info.CreateAt
	info.Size = int64(len(data))
	s.files[info.Id] = &storedFile{info: info, data: slices.Clone(data)}
	s.fileOrder = append(s.fileOrder, info.Id)
	return clone(info)
}

// UserUpload stores a file as uploaded by a user, for a later
// [Server.UserPost] with [PostOptions.FileIDs]. It panics if the user is not
// a member of the channel.
func (s *Server) UserUpload(user *model.User, channelID, name string, data []byte) *model.FileInfo {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.isMember(channelID, user.Id) {
		panic("mattermosttest: " + user.Username + " is not in channel " + channelID)
	}
	return s.storeFile(user.Id, channelID, name, data)
}

// Uploads lists the files the bot uploaded, oldest first.
func (s *Server) Uploads() []Upload {
	s.mu.Lock()
	defer s.mu.Unlock()
	var ups []Upload
	for _, id := range s.fileOrder {
		f := s.files[id]
		if f.info.CreatorId != s.botID {
			continue
		}
		ups = append(ups, Upload{
			ID:        id,
			Name:      f.info.Name,
			ChannelID: f.info.ChannelId,
			PostID:    f.info.PostId,
			Data:      slices.Clone(f.data),
		})
	}
	return ups
}

// uploadFile serves POST files in both forms model.Client4 uses: multipart
// with a channel_id field and "files" parts (UploadFile), or the raw body
// with channel_id and filename in the query (UploadFileAsRequestBody). It
// answers 201 with a model.FileUploadResponse.
func (s *Server) uploadFile(w http.ResponseWriter, r *http.Request, session string) {
	type part struct {
		name string
		data []byte
	}
	var (
		channelID string
		parts     []part
		clientIDs []string
	)
	if err := r.ParseMultipartForm(32 << 20); err == nil {
		if v := r.MultipartForm.Value["channel_id"]; len(v) > 0 {
			channelID = v[0]
		}
		clientIDs = r.MultipartForm.Value["client_ids"]
		for _, fh := range r.MultipartForm.File["files"] {
			f, err := fh.Open()
			if err != nil {
				writeError(w, r, http.StatusBadRequest, "api.file.upload_file.read_request.app_error")
				return
			}
			data, err := io.ReadAll(f)
			f.Close()
			if err != nil {
				writeError(w, r, http.StatusBadRequest, "api.file.upload_file.read_request.app_error")
				return
			}
			parts = append(parts, part{fh.Filename, data})
		}
	} else {
		channelID = r.URL.Query().Get("channel_id")
		var buf bytes.Buffer
		if _, err := buf.ReadFrom(r.Body); err != nil {
			writeError(w, r, http.StatusBadRequest, "api.file.upload_file.read_request.app_error")
			return
		}
		parts = append(parts, part{r.URL.Query().Get("filename"), buf.Bytes()})
	}
	if len(parts) == 0 || parts[0].name == "" {
		writeError(w, r, http.StatusBadRequest, "api.file.upload_file.read_request.app_error")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.isMember(channelID, session) {
		writeError(w, r, http.StatusForbidden, "api.context.permissions.app_error")
		return
	}
	resp := &model.FileUploadResponse{FileInfos: []*model.FileInfo{}, ClientIds: []string{}}
	for i, p := range parts {
		resp.FileInfos = append(resp.FileInfos, s.storeFile(session, channelID, p.name, p.data))
		if i < len(clientIDs) {
			resp.ClientIds = append(resp.ClientIds, clientIDs[i])
		}
	}
	writeJSON(w, http.StatusCreated, resp)
}

// fileFor returns a file the session user may read. Callers hold s.mu.
func (s *Server) fileFor(r *http.Request, session string) *storedFile {
	f := s.files[r.PathValue("file_id")]
	if f == nil || !s.canRead(s.channels[f.info.ChannelId], session) {
		return nil
	}
	return f
}

func (s *Server) getFile(w http.ResponseWriter, r *http.Request, session string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.fileFor(r, session)
	if f == nil {
		writeError(w, r, http.StatusNotFound, "app.file_info.get.app_error")
		return
	}
	w.Header().Set("Content-Type", f.info.MimeType)
	_, _ = w.Write(f.data)
}

func (s *Server) getFileInfo(w http.ResponseWriter, r *http.Request, session string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.fileFor(r, session)
	if f == nil {
		writeError(w, r, http.StatusNotFound, "app.file_info.get.app_error")
		return
	}
	writeJSON(w, http.StatusOK, clone(f.info))
}
