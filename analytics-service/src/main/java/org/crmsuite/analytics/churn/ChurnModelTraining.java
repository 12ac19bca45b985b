package org.crmsuite.analytics.churn;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.crmsuite.analytics.kpi.Facts;
import org.crmsuite.analytics.kpi.KpiCatalog;
import org.crmsuite.analytics.kpi.KpiSettings;
import org.crmsuite.analytics.model.CustomerProfile;
import org.crmsuite.analytics.model.OrderFact;

/**
 * Trains the churn model on the service's own history and checks it against the rules on a held-out cut-off, as
 * docs/benchmarks/analytics-churn-model.md did on generated histories. Rows: customers active at a cut-off (an order
 * in the activeWindowDays before it, the retention KPI's population); label: no order in the same number of days
 * after it (its churn). The latest cut-off whose label is known ({@code now} − window) is held out; the model is
 * trained on the four windows before it, whose labels end before it. Plain Java.
 */
public final class ChurnModelTraining {

    /** The outcome: a model to use only when {@code beatsRules}, and the numbers that decided it. */
    public record Trained(LogisticModel model, Instant trainedAt, Instant heldOutCutoff, int trainRows, int heldOutRows,
                          double modelAuc, double rulesAuc, double modelPrecisionTop10, double rulesPrecisionTop10,
                          boolean beatsRules, String note) {
    }

    /** Fewer rows (or churners) than these and the comparison means nothing: the rules stay. */
    static final int MIN_TRAIN_ROWS = 200;
    static final int MIN_HELD_OUT_ROWS = 50;
    static final int MIN_CHURNERS = 10;
    /** Training rows beyond this are thinned evenly: the weights hardly move, the training time stays bounded. */
    static final int MAX_TRAIN_ROWS = 20_000;
    static final LogisticModel.Training TRAINING = new LogisticModel.Training(1e-3, 0.5, 1000);

    record Row(String customer, double[] features, double rulesScore, int label) {
    }

    public static Trained train(Facts facts, Instant now, KpiSettings settings) {
        Duration window = Duration.ofDays(settings.activeWindowDays());
        Instant heldOut = now.minus(window);
        Map<String, KpiCatalog.CustomerFacts> customers = new TreeMap<>(KpiCatalog.customerFacts(facts));
        Facts.Customers index = facts.customers();
        List<Row> train = new ArrayList<>();
        for (int k = 1; k <= 4; k++) {
            train.addAll(rows(customers, index, heldOut.minus(window.multipliedBy(k)), window, settings));
        }
        List<Row> test = rows(customers, index, heldOut, window, settings);
        long trainChurners = train.stream().filter(r -> r.label() == 1).count();
        long testChurners = test.stream().filter(r -> r.label() == 1).count();
        if (train.size() < MIN_TRAIN_ROWS || test.size() < MIN_HELD_OUT_ROWS || trainChurners < MIN_CHURNERS
                || train.size() - trainChurners < MIN_CHURNERS || testChurners < MIN_CHURNERS || test.size() - testChurners < MIN_CHURNERS) {
            return new Trained(null, now, heldOut, train.size(), test.size(), Double.NaN, Double.NaN, Double.NaN, Double.NaN, false,
                    "history too short to hold a cut-off out: the rules give the score");
        }
        List<Row> sample = train;
        if (train.size() > MAX_TRAIN_ROWS) {
            sample = new ArrayList<>();
            double step = (double) train.size() / MAX_TRAIN_ROWS;
            for (double i = 0; i < train.size() && sample.size() < MAX_TRAIN_ROWS; i += step) {
                sample.add(train.get((int) i));
            }
        }
        LogisticModel model = LogisticModel.train(ChurnFeatures.NAMES, sample.stream().map(Row::features).toArray(double[][]::new),
                sample.stream().mapToInt(Row::label).toArray(), TRAINING);
        int[] y = test.stream().mapToInt(Row::label).toArray();
        double[] modelP = test.stream().mapToDouble(r -> model.probability(r.features())).toArray();
        double[] rules = test.stream().mapToDouble(Row::rulesScore).toArray();
        double[] tieBreak = test.stream().mapToDouble(r -> (r.customer().hashCode() & 0xffff) / 65536.0).toArray();
        double modelAuc = ChurnMetrics.auc(modelP, y);
        double rulesAuc = ChurnMetrics.auc(rules, y);
        double modelPrecision = ChurnMetrics.precision(ChurnMetrics.top(modelP, 0.10, tieBreak), y);
        double rulesPrecision = ChurnMetrics.precision(ChurnMetrics.top(rules, 0.10, tieBreak), y);
        // the same bar as the benchmark's, without its bootstrap: a clear AUC gain and no loss at the top of the list
        boolean beats = modelAuc >= rulesAuc + 0.01 && modelPrecision >= rulesPrecision;
        return new Trained(beats ? model : null, now, heldOut, sample.size(), test.size(), modelAuc, rulesAuc, modelPrecision,
                rulesPrecision, beats, beats ? "the model beat the rules on the held-out cut-off" : "the model did not beat the rules: the rules give the score");
    }

    static List<Row> rows(Map<String, KpiCatalog.CustomerFacts> customers, Facts.Customers index, Instant cutoff, Duration window,
                          KpiSettings settings) {
        List<Row> rows = new ArrayList<>();
        customers.forEach((customer, f) -> {
            boolean active = false;
            boolean ordered = false;
            for (OrderFact o : f.orders()) {
                if (o.cancelled() || o.orderedAt() == null) {
                    continue;
                }
                active |= !o.orderedAt().isBefore(cutoff.minus(window)) && o.orderedAt().isBefore(cutoff);
                ordered |= !o.orderedAt().isBefore(cutoff) && o.orderedAt().isBefore(cutoff.plus(window));
            }
            if (active) {
                CustomerProfile profile = index.profile(customer);
                double[] features = ChurnFeatures.of(f.tickets(), f.opportunities(), f.orders(), f.invoices(),
                        profile == null ? null : profile.createdAt(), cutoff);
                rows.add(new Row(customer, features, KpiCatalog.rulesAt(customer, f, cutoff, settings).score(), ordered ? 0 : 1));
            }
        });
        return rows;
    }

    private ChurnModelTraining() {
    }
}
