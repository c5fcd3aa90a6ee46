package spec

import (
	"bufio"
	"bytes"
	"io"
	"strings"

	"gopkg.in/yaml.v3"
)

// chunkNodes is the size of subtree the YAML encoder gets at once. yaml.v3 keeps every event of a document until
// it ends, so encoding a large state in one go costs about a hundred times the output in memory; emit splits big
// block collections into pieces whose concatenation is the same text.
var chunkNodes = 400

// emit writes n at indentation indent (spaces), as yaml.v3 with SetIndent(2) would write it: small neighbours
// are encoded together, big mappings and sequences one level down.
func emit(w *bufio.Writer, n *yaml.Node, indent int) error {
	if !splittable(n) {
		return encodeIndented(w, n, indent)
	}
	step := 1
	if n.Kind == yaml.MappingNode {
		step = 2
	}
	var pending []*yaml.Node
	budget := 0
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		err := encodeIndented(w, &yaml.Node{Kind: n.Kind, Content: pending}, indent)
		pending, budget = nil, 0
		return err
	}
	for i := 0; i+step <= len(n.Content); i += step {
		part := n.Content[i : i+step]
		last := part[len(part)-1]
		if !splittable(last) || (step == 2 && !isFieldName(part[0])) || (step == 1 && last.Kind != yaml.MappingNode) {
			cost := size(last, chunkNodes+1)
			if budget+cost > chunkNodes {
				if err := flush(); err != nil {
					return err
				}
			}
			pending = append(pending, part...)
			budget += cost
			continue
		}
		if err := flush(); err != nil {
			return err
		}
		if err := emitBig(w, part, indent); err != nil {
			return err
		}
	}
	return flush()
}

// emitBig writes one pair (key, big value) of a mapping, or one big mapping item of a sequence.
func emitBig(w *bufio.Writer, part []*yaml.Node, indent int) error {
	if len(part) == 2 {
		w.WriteString(strings.Repeat(" ", indent) + part[0].Value + ":\n")
		return emit(w, part[1], indent+2)
	}
	// A mapping item is its pairs two columns in, with "- " in front of the first line.
	var buf bytes.Buffer
	bw := bufio.NewWriter(&buf)
	if err := emit(bw, part[0], indent+2); err != nil {
		return err
	}
	bw.Flush()
	b := buf.Bytes()
	copy(b[indent:], "- ")
	_, err := w.Write(b)
	return err
}

// splittable reports whether n is a big, non-empty block collection worth splitting.
func splittable(n *yaml.Node) bool {
	return (n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode) && n.Style&yaml.FlowStyle == 0 &&
		len(n.Content) > 0 && size(n, chunkNodes+1) > chunkNodes
}

// size counts the nodes of n, stopping at limit.
func size(n *yaml.Node, limit int) int {
	total := 1
	for _, c := range n.Content {
		if total >= limit {
			break
		}
		total += size(c, limit-total)
	}
	return total
}

// isFieldName reports whether a key is one of the format's field names, which are written plainly.
func isFieldName(k *yaml.Node) bool {
	if k.Kind != yaml.ScalarNode || k.Value == "" || len(k.Value) > 40 {
		return false
	}
	for _, r := range k.Value {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return !needsQuotes(k.Value)
}

// encodeIndented encodes n with yaml.v3 and writes it indent spaces in.
func encodeIndented(w *bufio.Writer, n *yaml.Node, indent int) error {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(n); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	if indent == 0 {
		_, err := w.Write(buf.Bytes())
		return err
	}
	pad := strings.Repeat(" ", indent)
	for _, line := range strings.SplitAfter(buf.String(), "\n") {
		if line != "" && line != "\n" {
			w.WriteString(pad)
		}
		w.WriteString(line)
	}
	return nil
}

// writeYAML writes a document node, in pieces.
func writeYAML(w io.Writer, n *yaml.Node) error {
	bw := bufio.NewWriter(w)
	if err := emit(bw, n, 0); err != nil {
		return err
	}
	return bw.Flush()
}
