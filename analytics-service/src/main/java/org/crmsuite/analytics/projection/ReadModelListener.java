package org.crmsuite.analytics.projection;

/** Hears of read-model writes after they are stored, so a copy in memory can follow them. */
public interface ReadModelListener {

    /** The model was saved under the id, or deleted when {@code value} is null. */
    void written(ReadModel model, String id, Object value);

    /** Every read model was dropped (a rebuild starts). */
    void dropped();
}
