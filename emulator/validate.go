package emulator

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"
)

// ASP.NET's model-validation messages, which ConfigCat's API answers with.

func requiredMsg(field string) string { return fmt.Sprintf("The %s field is required.", field) }

func lengthMsg(field string, lo, hi int) string {
	if lo == 0 {
		return fmt.Sprintf("The field %s must be a string or array type with a maximum length of '%d'.", field, hi)
	}
	return fmt.Sprintf("The field %s must be a string with a minimum length of %d and a maximum length of %d.", field, lo, hi)
}

// checkRequired validates a required string field of lo..hi characters.
func checkRequired(field, v string, lo, hi int) error {
	if strings.TrimSpace(v) == "" {
		return badRequest(field, requiredMsg(field))
	}
	return checkLength(field, v, lo, hi)
}

// checkLength validates a string's length when hi > 0.
func checkLength(field, v string, lo, hi int) error {
	if n := utf8.RuneCountInString(v); n < lo || (hi > 0 && n > hi) {
		return badRequest(field, lengthMsg(field, lo, hi))
	}
	return nil
}

func checkOptional(field string, v *string, hi int) error {
	if v == nil {
		return nil
	}
	return checkLength(field, *v, 0, hi)
}

// updateName applies a partial-update name: nil keeps it, "" is refused.
func updateName(field string, v *string, hi int, dst *string) error {
	if v == nil {
		return nil
	}
	if err := checkRequired(field, *v, 1, hi); err != nil {
		return err
	}
	*dst = *v
	return nil
}

// rename is an entity's name after a partial update: v nil keeps current; a new name must be 1..hi long and,
// where taken reports it in use, is refused as a duplicate.
func (s *Server) rename(v *string, hi int, current string, taken func(name string) bool) (string, error) {
	name := current
	if err := updateName("Name", v, hi, &name); err != nil {
		return "", err
	}
	if taken(name) {
		return "", badRequest("Name", s.b.DuplicateNameMessage)
	}
	return name, nil
}

// updateText applies a partial-update description or colour: nil keeps it, anything else, "" included, is
// stored as given (an empty text reads back as "", see choices.go).
func updateText(v *string, dst **string) {
	if v == nil {
		return
	}
	s := *v
	*dst = &s
}

// deref is *p, or the zero value when p is nil (an absent field).
func deref[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}

// optionalText copies an optional text field: absent or null stays null, "" stays "" (ConfigCat reads an empty
// text back as "", see choices.go).
func optionalText(v *string) *string {
	if v == nil {
		return nil
	}
	s := *v
	return &s
}

func (s *Server) checkKey(key string) error {
	if err := checkRequired("Key", key, 1, 255); err != nil {
		return err
	}
	if s.keyRE == nil || !s.keyRE.MatchString(key) {
		return badRequest("Key", s.b.InvalidKeyMessage)
	}
	return nil
}

var hexColor = regexp.MustCompile(`^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$`)
var rgbColor = regexp.MustCompile(`^rgba?\(\s*\d{1,3}\s*,\s*\d{1,3}\s*,\s*\d{1,3}\s*(,\s*[0-9.]+\s*)?\)$`)

// validColor accepts RGB notations and HTML colour names and codes ("RGB or HTML color codes are allowed").
func validColor(c string) bool {
	c = strings.TrimSpace(strings.ToLower(c))
	return hexColor.MatchString(c) || rgbColor.MatchString(c) || htmlColorNames[c]
}

var tagColorNames = map[string]bool{"panther": true, "whale": true, "salmon": true, "lizard": true, "canary": true, "koala": true}

func validURL(raw string) bool {
	u, err := url.Parse(raw)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && !strings.ContainsAny(raw, " \t\n")
}

// htmlColorNames are the CSS named colours.
var htmlColorNames = func() map[string]bool {
	m := map[string]bool{}
	for _, n := range strings.Fields(`aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond
	blue blueviolet brown burlywood cadetblue chartreuse chocolate coral cornflowerblue cornsilk crimson cyan darkblue
	darkcyan darkgoldenrod darkgray darkgreen darkgrey darkkhaki darkmagenta darkolivegreen darkorange darkorchid
	darkred darksalmon darkseagreen darkslateblue darkslategray darkslategrey darkturquoise darkviolet deeppink
	deepskyblue dimgray dimgrey dodgerblue firebrick floralwhite forestgreen fuchsia gainsboro ghostwhite gold
	goldenrod gray green greenyellow grey honeydew hotpink indianred indigo ivory khaki lavender lavenderblush
	lawngreen lemonchiffon lightblue lightcoral lightcyan lightgoldenrodyellow lightgray lightgreen lightgrey
	lightpink lightsalmon lightseagreen lightskyblue lightslategray lightslategrey lightsteelblue lightyellow lime
	limegreen linen magenta maroon mediumaquamarine mediumblue mediumorchid mediumpurple mediumseagreen
	mediumslateblue mediumspringgreen mediumturquoise mediumvioletred midnightblue mintcream mistyrose moccasin
	navajowhite navy oldlace olive olivedrab orange orangered orchid palegoldenrod palegreen paleturquoise
	palevioletred papayawhip peru pink plum powderblue purple rebeccapurple red rosybrown royalblue saddlebrown
	salmon sandybrown seagreen seashell sienna silver skyblue slateblue slategray slategrey snow springgreen
	steelblue tan teal thistle tomato turquoise violet wheat white whitesmoke yellow yellowgreen`) {
		m[n] = true
	}
	return m
}()
