package io.xdpguard.protocol;

import java.util.regex.Pattern;

/** Site and host names: they become topic levels, so wildcards, separators and empty names are refused. */
public final class Names {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private Names() {
    }

    public static boolean isValid(String name) {
        return name != null && NAME.matcher(name).matches();
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
