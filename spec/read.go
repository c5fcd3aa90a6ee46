package spec

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"gopkg.in/yaml.v3"
)

// Default caps on what a load reads. A 10 MB account of 100,000 values fits a file three times over, and twelve
// such files fit a load. Loading takes about 8 bytes of memory per byte of YAML written as flagsync writes it
// (issue 14's 9.5 MB account peaks at 72–80 MB) and up to 20 for YAML the fast scanner leaves to yaml.v3 (190 MB
// for the same account with one anchor), so the total keeps what a planted tree can make flagsync hold near
// 2.6 GB, within a 7 GB CI runner.
const (
	DefaultMaxFileBytes  int64 = 32 << 20
	DefaultMaxTotalBytes int64 = 128 << 20
)

// budget reads files within the caps of a load.
type budget struct {
	root            string // PATH, for messages
	maxFile, maxAll int64
	used            int64
	over            bool // the total cap was reached: nothing more is read
}

func newBudget(path string, opts LoadOptions) *budget {
	b := &budget{root: path, maxFile: opts.MaxFileBytes, maxAll: opts.MaxTotalBytes}
	if b.maxFile <= 0 {
		b.maxFile = DefaultMaxFileBytes
	}
	if b.maxAll <= 0 {
		b.maxAll = DefaultMaxTotalBytes
	}
	return b
}

// read returns a file's contents, or the problem that stops it being read: too large, not a regular file any
// more, unreadable. err is ctx's error once the load is cancelled.
func (b *budget) read(ctx context.Context, f source) (data []byte, problem *Error, err error) {
	fh, info, problem := openRegular(f)
	if problem != nil {
		return nil, problem, nil
	}
	defer fh.Close()
	if info.Size() > b.maxFile {
		return nil, b.tooLarge(f), nil
	}
	if b.used+info.Size() > b.maxAll {
		return nil, b.overTotal(f), nil
	}
	// The limit, not the size seen above, bounds the read: a file may grow while it is read.
	limit := min(b.maxFile, b.maxAll-b.used) + 1
	var buf bytes.Buffer
	buf.Grow(int(min(info.Size(), limit)) + bytes.MinRead) // the file's size: no growth, unless it grows
	_, err = buf.ReadFrom(io.LimitReader(ctxReader{ctx, fh}, limit))
	data = buf.Bytes()
	if ctx.Err() != nil {
		return nil, nil, ctx.Err()
	}
	if err != nil {
		return nil, fileProblem(f.name, "cannot read the file (%s); make it readable or remove it", reason(err)), nil
	}
	n := int64(len(data))
	switch {
	case n > b.maxFile:
		return nil, b.tooLarge(f), nil
	case b.used+n > b.maxAll:
		return nil, b.overTotal(f), nil
	}
	b.used += n
	return data, nil, nil
}

func (b *budget) tooLarge(f source) *Error {
	return fileProblem(f.name, "file is larger than %s, the most flagsync reads from one file; split it into "+
		"several files, or raise the limit with the environment variable FLAGSYNC_MAX_FILE_BYTES", byteSize(b.maxFile))
}

func (b *budget) overTotal(f source) *Error {
	b.over = true
	return fileProblem(f.name, "with this file the YAML under %s adds up to more than %s, the most flagsync reads "+
		"in one load; point PATH at a smaller directory, or raise the limit with the environment variable "+
		"FLAGSYNC_MAX_TOTAL_BYTES", b.root, byteSize(b.maxAll))
}

// openRegular opens a listed file and checks, on the open file, that it is still a regular file (a FIFO put in
// its place since the walk is refused, not read).
func openRegular(f source) (*os.File, os.FileInfo, *Error) {
	fh, err := os.OpenFile(f.real, openFlags, 0)
	if err != nil {
		return nil, nil, fileProblem(f.name, "cannot open the file (%s); make it readable or remove it", reason(err))
	}
	info, err := fh.Stat()
	if err == nil && !info.Mode().IsRegular() {
		err = fmt.Errorf("it is a %s now", modeKind(info.Mode()))
	}
	if err != nil {
		fh.Close()
		return nil, nil, fileProblem(f.name, "the file changed while flagsync read the directory (%s); run again",
			reason(err))
	}
	return fh, info, nil
}

// ctxReader stops a read once ctx is cancelled.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// hiddenWarnings names the hidden YAML files, not read, that hold flagsync content: the objects they declare would
// otherwise be planned as if they did not exist. They are checked within what is left of the caps; one that does
// not fit is not checked.
func (b *budget) hiddenWarnings(ctx context.Context, hidden []source, read map[string]bool) (Errors, error) {
	var warnings Errors
	for _, f := range hidden {
		if read[f.real] || b.over {
			continue
		}
		data, problem, err := b.read(ctx, f)
		if err != nil {
			return nil, err
		}
		if problem == nil && declaresFlagsync(data) {
			warnings.warn(Pos{File: filepath.ToSlash(f.name)}, "", "hidden file is not read, but it declares "+
				"products or an organization for flagsync; rename it without the leading \".\" to include it, "+
				"or move it out of %s", b.root)
		}
	}
	return warnings, nil
}

// declaresFlagsync reports whether a YAML document in data is a mapping with a products or organization key.
func declaresFlagsync(data []byte) bool {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var doc yaml.Node
		if err := dec.Decode(&doc); err != nil {
			return false
		}
		if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
			continue
		}
		top := doc.Content[0].Content
		for i := 0; i < len(top); i += 2 {
			if top[i].Value == "products" || top[i].Value == "organization" {
				return true
			}
		}
	}
}

func fileProblem(name, format string, args ...any) *Error {
	return &Error{Pos: Pos{File: filepath.ToSlash(name)}, Msg: fmt.Sprintf(format, args...)}
}

// byteSize writes a cap the way the environment variables accept it: 32MiB, or a number of bytes.
func byteSize(n int64) string {
	for _, u := range []struct {
		suffix string
		size   int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
		if n >= u.size && n%u.size == 0 {
			return fmt.Sprintf("%d%s", n/u.size, u.suffix)
		}
	}
	return fmt.Sprintf("%d bytes", n)
}
