package io.xdpguard.protocol;

/** Site and host names: they become topic levels, so wildcards, separators and empty names are refused. */
public final class Names {
    private static final int MAX_LENGTH = 64;

    private Names() {
    }

    /**
     * 1 to 64 of {@code A-Z a-z 0-9 . _ -}. Checked three times per message received (topic, payload, record), so
     * without a regular expression: a matcher for each was the console's largest allocation after the database's
     * under a burst (JFR).
     */
    public static boolean isValid(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '.' || c == '_' || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /** @throws IllegalArgumentException naming the field and the rule, for a start-up error line */
    public static String require(String field, String name) {
        if (!isValid(name)) {
            throw new IllegalArgumentException(field + " '" + (name == null ? "" : name)
                    + "' is not allowed: use 1 to 64 of A-Z a-z 0-9 . _ -");
        }
        return name;
    }
}
