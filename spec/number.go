package spec

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// flagsync reads numbers one way everywhere (orders, percentages, safety limits, flag values, variations,
// prerequisite values): plain decimal, as JSON writes them. YAML tools disagree about every other form (a
// leading zero is octal to YAML 1.1 and decimal to YAML 1.2; 0o17, 1_000 and 1:30 are numbers to one and text
// to the other), so those forms are refused with the decimal to write instead.
var (
	decimalNumber = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$`)
	// numberLike matches what YAML 1.1 or 1.2 reads as an integer or a float.
	numberLike = regexp.MustCompile(`^[-+]?(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|` +
		`[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?|` +
		`(\.[0-9][0-9_]*|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?|` +
		`\.(inf|Inf|INF|nan|NaN|NAN))$`)
)

// readNumber reads text written as a number. isNumber is false for text that no YAML tool reads as a number; err
// says how to rewrite a number written in a form other than plain decimal.
func readNumber(text string) (v Value, isNumber bool, err error) {
	if decimalNumber.MatchString(text) {
		if !strings.ContainsAny(text, ".eE") {
			if i, err := strconv.ParseInt(text, 10, 64); err == nil {
				return IntValue(i), true, nil
			}
		}
		f, err := strconv.ParseFloat(text, 64)
		if err != nil {
			return Value{}, true, fmt.Errorf("%s is too large for a number", text)
		}
		return DoubleValue(f), true, nil
	}
	if !numberLike.MatchString(text) {
		return Value{}, false, nil
	}
	return Value{}, true, numberFormError(text)
}

// numberFormError explains why a number-like text is refused and what to write instead.
func numberFormError(text string) error {
	body := strings.TrimLeft(text, "+-")
	lower := strings.ToLower(body)
	switch {
	case strings.HasSuffix(lower, "inf") || strings.HasSuffix(lower, "nan"):
		return fmt.Errorf("%s is not a finite number, and ConfigCat stores only finite ones; quote it if you mean "+
			"the text", text)
	case strings.Contains(body, ":"):
		return fmt.Errorf("%s is a base-60 number to some YAML tools and text to others; quote it if you mean the "+
			"text, or write the number in decimal", text)
	case strings.HasPrefix(lower, "0x"):
		return fmt.Errorf("%s is hexadecimal, which YAML tools read differently; write %s", text, fixed(text, 16))
	case strings.HasPrefix(lower, "0o"):
		return fmt.Errorf("%s is octal, which YAML tools read differently; write %s", text, fixed(text, 8))
	case strings.HasPrefix(lower, "0b"):
		return fmt.Errorf("%s is binary, which YAML tools read differently; write %s", text, fixed(text, 2))
	case strings.Contains(body, "_"):
		return fmt.Errorf("%s has underscores, which some YAML tools do not read as a number; write %s", text,
			strings.ReplaceAll(strings.TrimPrefix(text, "+"), "_", ""))
	case strings.HasPrefix(text, "+"):
		return fmt.Errorf("%s has a + sign, which some YAML tools read as text; write %s", text, body)
	case len(body) > 1 && body[0] == '0' && body[1] >= '0' && body[1] <= '9':
		return fmt.Errorf("%s has a leading zero, which some YAML tools read as octal; write %s", text,
			strings.TrimPrefix(text, body)+trimZeros(body))
	case strings.HasPrefix(body, "."):
		return fmt.Errorf("%s has no digit before the point; write %s", text, strings.TrimSuffix(text, body)+"0"+body)
	default: // a point without a digit after it, or an exponent without a point: forms only some tools read
		return fmt.Errorf("%s is not a plain decimal number; write digits on both sides of the point, as in %s",
			text, strconv.FormatFloat(mustFloat(text), 'f', 1, 64))
	}
}

// fixed rewrites a whole number in base (with an optional sign and 0x/0o/0b prefix) in decimal.
func fixed(text string, base int) string {
	sign := ""
	body := strings.TrimPrefix(text, "+")
	if strings.HasPrefix(body, "-") {
		sign, body = "-", body[1:]
	}
	u, err := strconv.ParseUint(strings.ReplaceAll(body[2:], "_", ""), base, 64)
	if err != nil {
		return "it in decimal"
	}
	return sign + strconv.FormatUint(u, 10)
}

// trimZeros drops the leading zeros of a decimal number's whole part, keeping one before a point.
func trimZeros(body string) string {
	out := strings.TrimLeft(body, "0")
	if out == "" || out[0] == '.' || out[0] == 'e' || out[0] == 'E' {
		out = "0" + out
	}
	return out
}

func mustFloat(text string) float64 {
	f, _ := strconv.ParseFloat(strings.ReplaceAll(text, "_", ""), 64)
	return f
}
