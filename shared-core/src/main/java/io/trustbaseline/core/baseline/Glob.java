package io.trustbaseline.core.baseline;

import java.util.List;
import java.util.regex.Pattern;

/** Shell-style globs: {@code *} is any run of characters (slashes too), {@code ?} one character. */
public final class Glob {
    private Glob() { }

    public static boolean matches(String glob, String value, boolean ignoreCase) {
        if (value == null) {
            return false;
        }
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        int flags = ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0;
        return Pattern.compile(regex.toString(), flags | Pattern.DOTALL).matcher(value).matches();
    }

    /** True when any glob matches; an empty list matches nothing. */
    public static boolean anyMatches(List<String> globs, String value, boolean ignoreCase) {
        return globs.stream().anyMatch(g -> matches(g, value, ignoreCase));
    }
}
