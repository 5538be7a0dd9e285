package io.xdpguard.protocol;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Enum constants on the wire: lower case, and a clear message naming the known values for anything else. */
final class WireNames {
    private WireNames() {
    }

    static String of(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    static <E extends Enum<E>> E parse(Class<E> type, String text) {
        if (text == null) {
            throw new IllegalArgumentException(type.getSimpleName() + " is required");
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(text)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown " + type.getSimpleName() + " '" + text + "' (known: "
                + Arrays.stream(type.getEnumConstants()).map(WireNames::of).collect(Collectors.joining(", ")) + ")");
    }
}
