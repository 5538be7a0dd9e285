package io.xdpguard.protocol;

/** Field checks shared by the records' constructors; they throw so that nothing invalid is ever built. */
final class Checks {
    private Checks() {
    }

    static void schema(int schema) {
        if (schema != Message.SCHEMA) {
            throw new IllegalArgumentException("schema " + schema + " is not supported (expected " + Message.SCHEMA + ")");
        }
    }

    static <T> T present(String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    static long nonNegative(String field, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must not be negative: " + value);
        }
        return value;
    }

    static String text(String field, String value, int max) {
        present(field, value);
        if (value.isEmpty() || value.length() > max) {
            throw new IllegalArgumentException(field + " must be 1 to " + max + " characters");
        }
        return value;
    }
}
