package io.xdpguard.console.view;

import io.xdpguard.console.model.AlertEntry;
import java.util.Arrays;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;

/**
 * A table row: the entry behind it changes only when the analyst acknowledges it. It keeps its value in each column
 * of the live table ({@link #value}): the table's sort asks for the values of two rows on every comparison, about
 * twenty per alert inserted (a binary search in a window of 1,000), and a value made on each of them (a wrapper and
 * a boxed time: 11.6 MB of boxed times alone in a 10-s burst, JFR) was garbage for the collector to clear.
 */
final class AlertRow {
    private final ReadOnlyObjectWrapper<AlertEntry> entry;
    private final ObservableValue<?>[] values;

    /** {@code columns}: how many columns the live table has. */
    AlertRow(AlertEntry entry, int columns) {
        this.entry = new ReadOnlyObjectWrapper<>(entry);
        this.values = new ObservableValue<?>[columns];
    }

    AlertEntry entry() {
        return entry.get();
    }

    ReadOnlyObjectProperty<AlertEntry> entryProperty() {
        return entry.getReadOnlyProperty();
    }

    void update(AlertEntry e) {
        Arrays.fill(values, null);
        entry.set(e);
    }

    /** The row's value in the table's column number {@code column}, {@code of} its entry; made once per entry. */
    @SuppressWarnings("unchecked")
    <V> ObservableValue<V> value(int column, Function<AlertEntry, V> of) {
        ObservableValue<V> v = (ObservableValue<V>) values[column];
        if (v == null) {
            v = new ReadOnlyObjectWrapper<>(of.apply(entry()));
            values[column] = v;
        }
        return v;
    }
}
