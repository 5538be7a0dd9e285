package io.xdpguard.protocol;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Enum constants on the wire: lower case, and a clear message naming the known values for anything else. */
final class WireNames {
    private WireNames() {
    }

    /** An enum's constants and their wire names, in declaration order. */
    private record Known(Enum<?>[] constants, String[] names) {
    }

    /** Made once per enum: every message names several constants, and each was a new lower-case string (JFR). */
    private static final ClassValue<Known> KNOWN = new ClassValue<>() {
        @Override
        protected Known computeValue(Class<?> type) {
            Enum<?>[] constants = (Enum<?>[]) type.getEnumConstants();
            return new Known(constants, Arrays.stream(constants).map(c -> c.name().toLowerCase(Locale.ROOT))
                    .toArray(String[]::new));
        }
    };

    static String of(Enum<?> value) {
        return KNOWN.get(value.getDeclaringClass()).names()[value.ordinal()];
    }

    static <E extends Enum<E>> E parse(Class<E> type, String text) {
        if (text == null) {
            throw new IllegalArgumentException(type.getSimpleName() + " is required");
        }
        Known known = KNOWN.get(type);
        for (int i = 0; i < known.names().length; i++) {
            if (known.names()[i].equalsIgnoreCase(text)) {
                return type.cast(known.constants()[i]);
            }
        }
        throw new IllegalArgumentException("unknown " + type.getSimpleName() + " '" + text + "' (known: "
                + Arrays.stream(type.getEnumConstants()).map(WireNames::of).collect(Collectors.joining(", ")) + ")");
    }
}
