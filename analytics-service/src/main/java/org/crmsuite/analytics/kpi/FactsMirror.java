package org.crmsuite.analytics.kpi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.crmsuite.analytics.model.CampaignFact;
import org.crmsuite.analytics.model.CustomerProfile;
import org.crmsuite.analytics.model.CustomerQuality;
import org.crmsuite.analytics.model.InvoiceFact;
import org.crmsuite.analytics.model.LeadFact;
import org.crmsuite.analytics.model.MergeFact;
import org.crmsuite.analytics.model.OpportunityFact;
import org.crmsuite.analytics.model.OrderFact;
import org.crmsuite.analytics.model.TicketFact;
import org.crmsuite.analytics.projection.ReadModel;
import org.crmsuite.analytics.projection.ReadModelListener;
import org.crmsuite.analytics.projection.ReadModelStore;

/**
 * The KPI facts (every read model but the customer 360s) kept in memory: loaded from the store once, then following
 * every write the projector makes (the store tells it after each write), so a KPI query never reads the database.
 * A query takes a {@link #facts() snapshot}: immutable lists, taken again only when a write came in since the last
 * one (and the last one is older than {@code maxAge}).
 * <p>
 * Costs heap (one object per fact; 100,000 customers with a year of history are about 0.6 million facts) and holds
 * only the writes of this instance: the service runs as one instance (README).
 */
public class FactsMirror implements ReadModelListener {

    static final List<ReadModel> MODELS = List.of(ReadModel.TICKET, ReadModel.OPPORTUNITY, ReadModel.LEAD, ReadModel.CAMPAIGN,
            ReadModel.ORDER, ReadModel.INVOICE, ReadModel.PROFILE, ReadModel.MERGE, ReadModel.QUALITY);

    private final ReadModelStore store;
    private final Duration maxAge;
    private final Clock clock;
    private Map<ReadModel, TreeMap<String, Object>> models;
    private long version;
    private Snapshot snapshot;

    private record Snapshot(Facts facts, long version, Instant at) {
    }

    public FactsMirror(ReadModelStore store, Duration maxAge, Clock clock) {
        this.store = store;
        this.maxAge = maxAge;
        this.clock = clock;
        store.addListener(this);
    }

    /** Loads the facts from the store unless loaded (at start, so the first query does not pay for it). */
    public synchronized void load() {
        if (models != null) {
            return;
        }
        Map<ReadModel, TreeMap<String, Object>> loaded = new EnumMap<>(ReadModel.class);
        for (ReadModel model : MODELS) {
            TreeMap<String, Object> values = new TreeMap<>();
            for (Object value : store.all(model, model.type())) {
                values.put(idOf(value), value);
            }
            loaded.put(model, values);
        }
        models = loaded;
        version++;
    }

    private static String idOf(Object value) {
        return switch (value) {
            case TicketFact t -> t.ticketId();
            case OpportunityFact o -> o.opportunityId();
            case LeadFact l -> l.leadId();
            case CampaignFact c -> c.campaignId();
            case OrderFact o -> o.orderId();
            case InvoiceFact i -> i.invoiceId();
            case CustomerProfile p -> p.customerId();
            case MergeFact m -> m.mergeId();
            case CustomerQuality q -> q.customerId();
            default -> throw new IllegalArgumentException("not a fact: " + value);
        };
    }

    @Override
    public synchronized void written(ReadModel model, String id, Object value) {
        if (models == null || !MODELS.contains(model)) {
            return; // not loaded yet: the load will read it from the store
        }
        if (value == null) {
            models.get(model).remove(id);
        } else {
            models.get(model).put(id, value);
        }
        version++;
    }

    @Override
    public synchronized void dropped() {
        if (models != null) {
            models.values().forEach(Map::clear);
            version++;
        }
    }

    /** Every fact as it is now (or at most {@code maxAge} ago while writes keep coming), sorted by id. */
    @SuppressWarnings("unchecked")
    public synchronized Facts facts() {
        load();
        Instant now = clock.instant();
        Snapshot current = snapshot;
        if (current != null && (current.version() == version || current.at().plus(maxAge).isAfter(now))) {
            return current.facts();
        }
        Facts facts = new Facts((List<TicketFact>) list(ReadModel.TICKET), (List<OpportunityFact>) list(ReadModel.OPPORTUNITY),
                (List<LeadFact>) list(ReadModel.LEAD), (List<CampaignFact>) list(ReadModel.CAMPAIGN), (List<OrderFact>) list(ReadModel.ORDER),
                (List<InvoiceFact>) list(ReadModel.INVOICE), (List<CustomerProfile>) list(ReadModel.PROFILE), (List<MergeFact>) list(ReadModel.MERGE),
                (List<CustomerQuality>) list(ReadModel.QUALITY));
        snapshot = new Snapshot(facts, version, now);
        return facts;
    }

    private List<?> list(ReadModel model) {
        return List.copyOf(models.get(model).values());
    }
}
