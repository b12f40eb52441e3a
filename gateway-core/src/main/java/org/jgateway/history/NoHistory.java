package org.jgateway.history;

import java.util.function.Function;

/** {@link HistoryStore#none()}: no stream keeps history. */
enum NoHistory implements HistoryStore {

    INSTANCE;

    @Override
    public boolean retains(HistoryStream stream) {
        return false;
    }

    @Override
    public StreamPosition append(HistoryStream stream, Function<StreamPosition, byte[]> body, Publisher publish) {
        throw notRetained(stream);
    }

    @Override
    public HistoryPage read(HistoryStream stream, StreamPosition since, int limit) {
        throw notRetained(stream);
    }

    static IllegalArgumentException notRetained(HistoryStream stream) {
        return new IllegalArgumentException(stream + " keeps no history: no history pattern of its kind matches it");
    }

    @Override
    public String toString() {
        return "no history";
    }
}
