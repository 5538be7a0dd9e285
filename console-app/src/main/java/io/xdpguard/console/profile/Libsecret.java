package io.xdpguard.console.profile;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.Map;

/**
 * The libsecret-1.so.0 calls the console uses, as FFM downcalls: store, look up and clear one password under
 * a schema and string attributes, and ask whether a collection alias exists. Only the non-variadic
 * {@code ...v_sync} password forms are used, with the attributes in a GLib hash table, so no C varargs cross
 * the boundary.
 *
 * <p>Linking needs native access ({@code --enable-native-access=io.xdpguard.console} on the module path,
 * {@code ALL-UNNAMED} on the class path); {@link #load} fails with an exception instead of crashing when the
 * library is missing or access is denied, so the caller can fall back to the file vault.
 */
final class Libsecret implements SecretItems {
    static final String LIBRARY = "libsecret-1.so.0";
    private static final String GLIB = "libglib-2.0.so.0";
    private static final String GOBJECT = "libgobject-2.0.so.0";

    /** SecretSchemaAttribute (secret-schema.h): {@code const gchar *name; SecretSchemaAttributeType type;}. */
    private static final StructLayout ATTRIBUTE = MemoryLayout.structLayout(
            ADDRESS.withName("name"), JAVA_INT.withName("type"), MemoryLayout.paddingLayout(4));
    private static final int MAX_ATTRIBUTES = 32;
    /**
     * SecretSchema (secret-schema.h): name, flags, attributes[32], then private reserved fields that must be
     * zero: a zero {@code reserved} marks a static schema, which libsecret neither refs nor frees.
     */
    private static final StructLayout SCHEMA = MemoryLayout.structLayout(
            ADDRESS.withName("name"),
            JAVA_INT.withName("flags"),
            MemoryLayout.paddingLayout(4),
            MemoryLayout.sequenceLayout(MAX_ATTRIBUTES, ATTRIBUTE).withName("attributes"),
            JAVA_INT.withName("reserved"),
            MemoryLayout.paddingLayout(4),
            MemoryLayout.sequenceLayout(7, ADDRESS).withName("reserved1_7"));
    /** GError (gerror.h): {@code GQuark domain; gint code; gchar *message;}. */
    private static final StructLayout GERROR = MemoryLayout.structLayout(
            JAVA_INT.withName("domain"), JAVA_INT.withName("code"), ADDRESS.withName("message"));
    private static final VarHandle GERROR_CODE = GERROR.varHandle(MemoryLayout.PathElement.groupElement("code"));
    private static final VarHandle GERROR_MESSAGE = GERROR.varHandle(MemoryLayout.PathElement.groupElement("message"));
    private static final int SECRET_SCHEMA_NONE = 0;
    private static final int SECRET_SCHEMA_ATTRIBUTE_STRING = 0;
    private static final int SECRET_SERVICE_NONE = 0;
    private static final int SECRET_COLLECTION_NONE = 0;
    /** C strings handed back by the libraries are NUL-terminated; this bounds the view used to read them. */
    private static final long MAX_C_STRING = 1 << 20;

    private final MethodHandle storev;
    private final MethodHandle lookupv;
    private final MethodHandle clearv;
    private final MethodHandle passwordFree;
    private final MethodHandle serviceGet;
    private final MethodHandle collectionForAlias;
    private final MethodHandle objectUnref;
    private final MethodHandle hashTableNew;
    private final MethodHandle hashTableInsert;
    private final MethodHandle hashTableUnref;
    private final MethodHandle errorFree;
    private final MemorySegment strHash;
    private final MemorySegment strEqual;
    /** Holds the schema struct and its strings for as long as this binding is reachable. */
    private final Arena schemaArena = Arena.ofAuto();
    private final MemorySegment schema;

    private Libsecret(String schemaName, List<String> attributeNames) {
        Linker linker = Linker.nativeLinker();
        // Arena.global(): the libraries stay loaded; GLib's D-Bus worker thread must never see them unloaded.
        SymbolLookup secret = SymbolLookup.libraryLookup(LIBRARY, Arena.global());
        SymbolLookup glib = SymbolLookup.libraryLookup(GLIB, Arena.global());
        SymbolLookup gobject = SymbolLookup.libraryLookup(GOBJECT, Arena.global());
        storev = linker.downcallHandle(secret.findOrThrow("secret_password_storev_sync"), FunctionDescriptor.of(
                JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        lookupv = linker.downcallHandle(secret.findOrThrow("secret_password_lookupv_sync"),
                FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        clearv = linker.downcallHandle(secret.findOrThrow("secret_password_clearv_sync"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        passwordFree = linker.downcallHandle(secret.findOrThrow("secret_password_free"),
                FunctionDescriptor.ofVoid(ADDRESS));
        serviceGet = linker.downcallHandle(secret.findOrThrow("secret_service_get_sync"),
                FunctionDescriptor.of(ADDRESS, JAVA_INT, ADDRESS, ADDRESS));
        collectionForAlias = linker.downcallHandle(secret.findOrThrow("secret_collection_for_alias_sync"),
                FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS));
        objectUnref = linker.downcallHandle(gobject.findOrThrow("g_object_unref"), FunctionDescriptor.ofVoid(ADDRESS));
        hashTableNew = linker.downcallHandle(glib.findOrThrow("g_hash_table_new"),
                FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
        hashTableInsert = linker.downcallHandle(glib.findOrThrow("g_hash_table_insert"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
        hashTableUnref = linker.downcallHandle(glib.findOrThrow("g_hash_table_unref"),
                FunctionDescriptor.ofVoid(ADDRESS));
        errorFree = linker.downcallHandle(glib.findOrThrow("g_error_free"), FunctionDescriptor.ofVoid(ADDRESS));
        strHash = glib.findOrThrow("g_str_hash");
        strEqual = glib.findOrThrow("g_str_equal");
        schema = schema(schemaName, attributeNames);
    }

    /**
     * Links libsecret and lays out a static schema with these string attributes. Throws (never crashes) when
     * the library or a symbol is missing, or native access is denied (IllegalCallerException).
     */
    static Libsecret load(String schemaName, List<String> attributeNames) {
        if (attributeNames.size() >= MAX_ATTRIBUTES) {
            throw new IllegalArgumentException("a SecretSchema holds at most " + (MAX_ATTRIBUTES - 1) + " attributes");
        }
        return new Libsecret(schemaName, attributeNames);
    }

    /** Stores (or replaces) the password of the item with exactly these attributes in the default collection. */
    @Override
    public void store(Map<String, String> attributes, String label, String password) throws IOException {
        call("store", (arena, error) -> {
            MemorySegment secret = arena.allocateFrom(password);
            try {
                int ok = withTable(arena, attributes, table -> (int) storev.invokeExact(schema, table,
                        MemorySegment.NULL, arena.allocateFrom(label), secret, MemorySegment.NULL, error));
                throwIfError("secret_password_storev_sync", error);
                if (ok == 0) {
                    throw new IOException("secret_password_storev_sync failed without an error message");
                }
                return null;
            } finally {
                // Our native copy of the password must not linger in freed memory.
                secret.fill((byte) 0);
            }
        });
    }

    /** The password of an item matching these attributes, or null when there is none. */
    @Override
    public String lookup(Map<String, String> attributes) throws IOException {
        return call("lookup", (arena, error) -> {
            MemorySegment result = withTable(arena, attributes,
                    table -> (MemorySegment) lookupv.invokeExact(schema, table, MemorySegment.NULL, error));
            try {
                throwIfError("secret_password_lookupv_sync", error);
                return result.equals(MemorySegment.NULL) ? null : result.reinterpret(MAX_C_STRING).getString(0);
            } finally {
                if (!result.equals(MemorySegment.NULL)) {
                    passwordFree.invokeExact(result); // wipes, then frees
                }
            }
        });
    }

    /** Removes every item matching these attributes; true when there was one. */
    @Override
    public boolean clear(Map<String, String> attributes) throws IOException {
        return call("clear", (arena, error) -> {
            int removed = withTable(arena, attributes,
                    table -> (int) clearv.invokeExact(schema, table, MemorySegment.NULL, error));
            throwIfError("secret_password_clearv_sync", error);
            return removed != 0;
        });
    }

    /** Whether the Secret Service has a collection under this alias (e.g. "default"); never prompts. */
    @Override
    public boolean hasCollection(String alias) throws IOException {
        return call("collection lookup", (arena, error) -> {
            MemorySegment service = (MemorySegment) serviceGet.invokeExact(SECRET_SERVICE_NONE, MemorySegment.NULL, error);
            throwIfError("secret_service_get_sync", error);
            try {
                // libsecret 0.20 needs the service here: NULL is not taken for the default one.
                MemorySegment collection = (MemorySegment) collectionForAlias.invokeExact(service,
                        arena.allocateFrom(alias), SECRET_COLLECTION_NONE, MemorySegment.NULL, error);
                if (!collection.equals(MemorySegment.NULL)) {
                    objectUnref.invokeExact(collection);
                }
                throwIfError("secret_collection_for_alias_sync", error);
                return !collection.equals(MemorySegment.NULL);
            } finally {
                objectUnref.invokeExact(service);
            }
        });
    }

    /** One libsecret call: a confined arena and a {@code GError *} slot; native failures come back as IOException. */
    @FunctionalInterface
    private interface NativeCall<T> {
        T run(Arena arena, MemorySegment error) throws Throwable;
    }

    @FunctionalInterface
    private interface TableCall<T> {
        T run(MemorySegment table) throws Throwable;
    }

    private static <T> T call(String what, NativeCall<T> body) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            return body.run(arena, arena.allocate(ADDRESS));
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("libsecret " + what + " failed: " + t, t);
        }
    }

    /** {@code body} with a GHashTable of these attributes, released after it whatever happens. */
    private <T> T withTable(Arena arena, Map<String, String> attributes, TableCall<T> body) throws Throwable {
        MemorySegment table = hashTable(arena, attributes);
        try {
            return body.run(table);
        } finally {
            hashTableUnref.invokeExact(table);
        }
    }

    private MemorySegment schema(String name, List<String> attributeNames) {
        MemorySegment s = schemaArena.allocate(SCHEMA); // zeroed: reserved fields and the terminating entry
        s.set(ADDRESS, SCHEMA.byteOffset(MemoryLayout.PathElement.groupElement("name")), schemaArena.allocateFrom(name));
        s.set(JAVA_INT, SCHEMA.byteOffset(MemoryLayout.PathElement.groupElement("flags")), SECRET_SCHEMA_NONE);
        long first = SCHEMA.byteOffset(MemoryLayout.PathElement.groupElement("attributes"));
        for (int i = 0; i < attributeNames.size(); i++) {
            long at = first + i * ATTRIBUTE.byteSize();
            s.set(ADDRESS, at, schemaArena.allocateFrom(attributeNames.get(i)));
            s.set(JAVA_INT, at + ADDRESS.byteSize(), SECRET_SCHEMA_ATTRIBUTE_STRING);
        }
        return s;
    }

    /** A GHashTable of C strings owned by {@code call}: the table has no destroy functions, so unref frees only it. */
    private MemorySegment hashTable(Arena call, Map<String, String> attributes) throws Throwable {
        MemorySegment table = (MemorySegment) hashTableNew.invokeExact(strHash, strEqual);
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            // Returns whether the key was new; a Map's keys always are.
            int keyWasNew = (int) hashTableInsert.invokeExact(table, call.allocateFrom(e.getKey()),
                    call.allocateFrom(e.getValue()));
        }
        return table;
    }

    /** Turns a set {@code GError *} into an IOException carrying its message, and frees it. */
    private void throwIfError(String function, MemorySegment errorSlot) throws Throwable {
        MemorySegment error = errorSlot.get(ADDRESS, 0);
        if (error.equals(MemorySegment.NULL)) {
            return;
        }
        MemorySegment e = error.reinterpret(GERROR.byteSize());
        int code = (int) GERROR_CODE.get(e, 0L);
        MemorySegment message = (MemorySegment) GERROR_MESSAGE.get(e, 0L);
        String text = message.equals(MemorySegment.NULL) ? "(no message)" : message.reinterpret(MAX_C_STRING).getString(0);
        errorFree.invokeExact(error);
        throw new IOException(function + ": " + text + " (code " + code + ")");
    }
}
