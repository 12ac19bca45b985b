package org.crmsuite.analytics.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.crmsuite.analytics.event.AnalyticsEvent;
import org.crmsuite.analytics.model.Customer360;
import org.crmsuite.analytics.support.HistoryGenerator;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/**
 * The read models as MongoDB stores them: without null fields, and the 360 without the lists derived from its tickets
 * and opportunities; what is read back equals what was folded, every derived list included.
 */
class StoredModelJsonTest {

    @Test
    void aStoredCustomer360ReadsBackEqualWithoutItsDerivedListsOrNulls() {
        HistoryGenerator generator = new HistoryGenerator(42);
        List<AnalyticsEvent> history = generator.generate(HistoryGenerator.Sizes.small());
        InMemoryReadModelStore store = new InMemoryReadModelStore();
        Projector projector = new Projector(store);
        projector.applyAll(history);
        JsonMapper stored = MongoReadModelStore.modelMapper();
        JsonMapper plain = JsonMapper.builder().build();
        List<Customer360> all = store.all(ReadModel.CUSTOMER_360, Customer360.class);
        assertThat(all).isNotEmpty();
        assertThat(all).anySatisfy(view -> assertThat(view.openTickets()).isNotEmpty());
        assertThat(all).anySatisfy(view -> assertThat(view.pipeline().open()).isNotEmpty());
        assertThat(all).anySatisfy(view -> assertThat(view.satisfaction()).isNotEmpty());
        for (Customer360 view : all) {
            String json = stored.writeValueAsString(view);
            assertThat(json).doesNotContain("openTickets", "recentTickets", "satisfaction", "\"open\":[", ":null");
            assertThat(stored.readValue(json, Customer360.class)).isEqualTo(view);
            // a document written before (with the derived lists and nulls) reads the same
            assertThat(stored.readValue(plain.writeValueAsString(view), Customer360.class)).isEqualTo(view);
        }
        for (ReadModel model : ReadModel.values()) {
            for (Object value : store.all(model, model.type())) {
                assertThat(stored.readValue(stored.writeValueAsString(value), model.type())).as(model.name()).isEqualTo(value);
            }
        }
    }
}
