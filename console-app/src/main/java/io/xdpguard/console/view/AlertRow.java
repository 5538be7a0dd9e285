package io.xdpguard.console.view;

import io.xdpguard.console.model.AlertEntry;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/** A table row: the entry behind it changes only when the analyst acknowledges it. */
final class AlertRow {
    private final ReadOnlyObjectWrapper<AlertEntry> entry;

    AlertRow(AlertEntry entry) {
        this.entry = new ReadOnlyObjectWrapper<>(entry);
    }

    AlertEntry entry() {
        return entry.get();
    }

    ReadOnlyObjectProperty<AlertEntry> entryProperty() {
        return entry.getReadOnlyProperty();
    }

    void update(AlertEntry e) {
        entry.set(e);
    }
}
