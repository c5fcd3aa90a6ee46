package emulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// patchOp is JsonPatchOperation. Paths follow RFC 6902; property names match case-insensitively and "-" on
// remove names the last element, as in ASP.NET Core's JsonPatch, which ConfigCat's API runs on.
type patchOp struct {
	Op    string          `json:"op"`
	Path  string          `json:"path"`
	From  *string         `json:"from"`
	Value json.RawMessage `json:"value"`
}

func patchError(format string, args ...any) error {
	return badRequest("", fmt.Sprintf(format, args...))
}

// applyPatch applies ops to doc (any JSON-encodable value) and decodes the result into out. fix, when not
// nil, adjusts the patched document before decoding.
func applyPatch(doc any, ops []patchOp, out any, fix func(map[string]any)) error {
	raw, err := json.Marshal(doc)
	if err != nil {
		return err
	}
	var tree any
	if err := decodeNumbers(raw, &tree); err != nil {
		return err
	}
	for _, op := range ops {
		if tree, err = applyOp(tree, op); err != nil {
			return err
		}
	}
	if m, ok := tree.(map[string]any); ok && fix != nil {
		fix(m)
	}
	raw, err = json.Marshal(tree)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return badRequest("", "The patched document is invalid: "+err.Error())
	}
	return nil
}

func decodeNumbers(raw []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	return dec.Decode(v)
}

func applyOp(tree any, op patchOp) (any, error) {
	if op.Path == "" || !strings.HasPrefix(op.Path, "/") {
		return nil, patchError("The path '%s' is invalid.", op.Path)
	}
	switch strings.ToLower(op.Op) {
	case "add", "replace":
		v, err := op.value()
		if err != nil {
			return nil, err
		}
		if strings.EqualFold(op.Op, "add") {
			return tree, pointerAdd(tree, op.Path, v)
		}
		return tree, pointerReplace(tree, op.Path, v)
	case "remove":
		_, err := pointerRemove(tree, op.Path)
		return tree, err
	case "move", "copy":
		v, err := op.source(tree)
		if err != nil {
			return nil, err
		}
		return tree, pointerAdd(tree, op.Path, v)
	case "test":
		return tree, op.test(tree)
	}
	return nil, patchError("Invalid JsonPatch operation '%s'.", op.Op)
}

// value is the operation's value, decoded with numbers kept exact; nil when it has none.
func (op patchOp) value() (any, error) {
	if len(op.Value) == 0 {
		return nil, nil
	}
	var v any
	if err := decodeNumbers(op.Value, &v); err != nil {
		return nil, patchError("The value of the operation '%s' is invalid.", op.Op)
	}
	return v, nil
}

// source is what a move takes out of tree at from, or a copy of what a copy reads there.
func (op patchOp) source(tree any) (any, error) {
	if op.From == nil {
		return nil, patchError("The 'from' of the operation '%s' is required.", op.Op)
	}
	if strings.EqualFold(op.Op, "move") {
		return pointerRemove(tree, *op.From)
	}
	got, err := pointerGet(tree, *op.From)
	if err != nil {
		return nil, err
	}
	var v any
	raw, _ := json.Marshal(got)
	if err := decodeNumbers(raw, &v); err != nil {
		return nil, err
	}
	return v, nil
}

// test fails unless the value at the operation's path equals its value.
func (op patchOp) test(tree any) error {
	v, err := op.value()
	if err != nil {
		return err
	}
	got, err := pointerGet(tree, op.Path)
	if err != nil {
		return err
	}
	a, _ := json.Marshal(got)
	b, _ := json.Marshal(v)
	if !bytes.Equal(a, b) {
		return patchError("The current value at '%s' is not equal to the test value.", op.Path)
	}
	return nil
}

func splitPointer(p string) []string {
	parts := strings.Split(p[1:], "/")
	for i, s := range parts {
		parts[i] = strings.ReplaceAll(strings.ReplaceAll(s, "~1", "/"), "~0", "~")
	}
	return parts
}

// lookupKey finds an object key case-insensitively, preferring an exact match.
func lookupKey(m map[string]any, k string) (string, bool) {
	if _, ok := m[k]; ok {
		return k, true
	}
	for key := range m {
		if strings.EqualFold(key, k) {
			return key, true
		}
	}
	return k, false
}

// parent walks to the container holding the pointer's last segment.
func parent(tree any, p string) (any, string, error) {
	if !strings.HasPrefix(p, "/") {
		return nil, "", patchError("The path '%s' is invalid.", p)
	}
	parts := splitPointer(p)
	cur := tree
	for _, seg := range parts[:len(parts)-1] {
		next, err := child(cur, seg)
		if err != nil {
			return nil, "", err
		}
		cur = next
	}
	return cur, parts[len(parts)-1], nil
}

func child(cur any, seg string) (any, error) {
	switch c := cur.(type) {
	case map[string]any:
		k, ok := lookupKey(c, seg)
		if !ok {
			return nil, notFoundSegment(seg)
		}
		return c[k], nil
	case []any:
		i, err := strconv.Atoi(seg)
		if err != nil || i < 0 || i >= len(c) {
			return nil, notFoundSegment(seg)
		}
		return c[i], nil
	}
	return nil, notFoundSegment(seg)
}

func notFoundSegment(seg string) error {
	return patchError("The target location specified by path segment '%s' was not found.", seg)
}

func pointerGet(tree any, p string) (any, error) {
	par, last, err := parent(tree, p)
	if err != nil {
		return nil, err
	}
	return child(par, last)
}

// pointerAdd adds v at p. Adding into an array needs the array's own parent to store the grown slice.
func pointerAdd(tree any, p string, v any) error {
	par, last, err := parent(tree, p)
	if err != nil {
		return err
	}
	switch c := par.(type) {
	case map[string]any:
		k, _ := lookupKey(c, last)
		c[k] = v
		return nil
	case []any:
		i := len(c)
		if last != "-" {
			if i, err = strconv.Atoi(last); err != nil || i < 0 || i > len(c) {
				return notFoundSegment(last)
			}
		}
		grown := append(c[:i:i], append([]any{v}, c[i:]...)...)
		return setContainer(tree, p, grown)
	}
	return notFoundSegment(last)
}

// pointerReplace sets the existing value at p to v.
func pointerReplace(tree any, p string, v any) error {
	par, last, err := parent(tree, p)
	if err != nil {
		return err
	}
	switch c := par.(type) {
	case map[string]any:
		k, ok := lookupKey(c, last)
		if !ok {
			return notFoundSegment(last)
		}
		c[k] = v
		return nil
	case []any:
		i, err := strconv.Atoi(last)
		if last == "-" {
			i, err = len(c)-1, nil
		}
		if err != nil || i < 0 || i >= len(c) {
			return notFoundSegment(last)
		}
		c[i] = v
		return nil
	}
	return notFoundSegment(last)
}

// pointerRemove removes and returns the value at p.
func pointerRemove(tree any, p string) (any, error) {
	par, last, err := parent(tree, p)
	if err != nil {
		return nil, err
	}
	switch c := par.(type) {
	case map[string]any:
		k, ok := lookupKey(c, last)
		if !ok {
			return nil, notFoundSegment(last)
		}
		v := c[k]
		delete(c, k)
		return v, nil
	case []any:
		i := len(c) - 1
		if last != "-" {
			if i, err = strconv.Atoi(last); err != nil || i < 0 || i >= len(c) {
				return nil, notFoundSegment(last)
			}
		}
		if i < 0 {
			return nil, notFoundSegment(last)
		}
		v := c[i]
		shrunk := append(c[:i:i], c[i+1:]...)
		return v, setContainer(tree, p, shrunk)
	}
	return nil, notFoundSegment(last)
}

// setContainer stores a new slice for the array that holds p's last segment.
func setContainer(tree any, p string, arr []any) error {
	parts := splitPointer(p)
	if len(parts) < 2 {
		return patchError("The path '%s' is invalid.", p)
	}
	holderPath := "/" + strings.Join(escapeAll(parts[:len(parts)-2]), "/")
	var holder any = tree
	if len(parts) > 2 {
		var err error
		if holder, err = pointerGet(tree, holderPath); err != nil {
			return err
		}
	}
	key := parts[len(parts)-2]
	switch h := holder.(type) {
	case map[string]any:
		k, _ := lookupKey(h, key)
		h[k] = arr
	case []any:
		i, err := strconv.Atoi(key)
		if err != nil || i < 0 || i >= len(h) {
			return notFoundSegment(key)
		}
		h[i] = arr
	default:
		return notFoundSegment(key)
	}
	return nil
}

func escapeAll(parts []string) []string {
	out := make([]string, len(parts))
	for i, s := range parts {
		out[i] = strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
	}
	return out
}
