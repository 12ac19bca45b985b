package org.crmsuite.analytics.churn;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.BiFunction;

import org.crmsuite.analytics.event.AnalyticsEvent;
import org.crmsuite.analytics.model.ChurnRules;
import org.crmsuite.analytics.model.Folds;
import org.crmsuite.analytics.model.InvoiceFact;
import org.crmsuite.analytics.model.OpportunityFact;
import org.crmsuite.analytics.model.OrderFact;
import org.crmsuite.analytics.model.TicketFact;

/**
 * The churn model against the churn rules on generated histories, honestly: features and rule scores from the events
 * before a cut-off only (folded with the service's own folds, so the rules score is what the service would have
 * said then), the label from the events after it with the retention KPI's definition (a customer active at the
 * cut-off, an order in the 90 days before it, that has no order in the 90 days after it churned), the model trained
 * on earlier cut-offs and judged on a later one whose customers' futures it never saw.
 */
final class ChurnEvaluation {

    static final int WINDOW_DAYS = 90;
    static final List<Instant> TRAIN_CUTOFFS = List.of(Instant.parse("2024-04-01T00:00:00Z"), Instant.parse("2024-07-01T00:00:00Z"),
            Instant.parse("2024-10-01T00:00:00Z"), Instant.parse("2025-01-01T00:00:00Z"));
    /** After the last training label window (ends 2025-04-01): no label of the test set is known when training. */
    static final Instant TEST_CUTOFF = Instant.parse("2025-06-01T00:00:00Z");

    record Row(String customerId, double[] features, double rulesScore, int label) {
    }

    record Scores(double auc, double precisionTop10, double recallTop10, double brier) {
    }

    record Result(long seed, int customers, int trainRows, double trainChurnRate, int testRows, double testChurnRate,
                  Scores model, Scores rules, Scores rulesCalibrated, double rulesPrecisionAt50, double rulesRecallAt50,
                  double modelPrecisionSameCount, double modelRecallSameCount, double aucGainLow, double aucGainHigh, LogisticModel fitted,
                  int regularRows, double regularChurnRate, double regularModelAuc, double regularRulesAuc, Map<Integer, int[]> byRulesScore) {

        /** The decision rule, fixed before the runs: a higher held-out AUC with a bootstrap interval above 0, precision
         * at the top 10 % not lower, and a lower Brier score than the rules calibrated on the same training data. */
        boolean modelWins() {
            return aucGainLow > 0 && model.precisionTop10() >= rules.precisionTop10() && model.brier() < rulesCalibrated.brier();
        }
    }

    /** The rows of one customer at a cut-off, or null when it was not active then (not in the retention population). */
    static Row row(ChurnWorld.Customer customer, Instant cutoff) {
        List<OrderFact> allOrders = facts(customer.events(), "erp.order.", "orderId", Folds::order);
        Instant windowStart = cutoff.minus(Duration.ofDays(WINDOW_DAYS));
        Instant windowEnd = cutoff.plus(Duration.ofDays(WINDOW_DAYS));
        boolean active = allOrders.stream().anyMatch(o -> !o.cancelled() && in(o.orderedAt(), windowStart, cutoff));
        if (!active) {
            return null;
        }
        int churned = allOrders.stream().anyMatch(o -> !o.cancelled() && in(o.orderedAt(), cutoff, windowEnd)) ? 0 : 1;
        List<AnalyticsEvent> before = customer.events().stream().filter(e -> e.time().isBefore(cutoff)).toList();
        List<TicketFact> tickets = facts(before, "crm.ticket.", "ticketId", Folds::ticket);
        List<OpportunityFact> opportunities = facts(before, "crm.opportunity.", "opportunityId", Folds::opportunity);
        List<OrderFact> orders = facts(before, "erp.order.", "orderId", Folds::order);
        List<InvoiceFact> invoices = facts(before, "finance.invoice.", "invoiceId", Folds::invoice);
        int rules = ChurnRules.assess(customer.id(), tickets, opportunities, orders, invoices, cutoff, ChurnRules.Settings.DEFAULT).score();
        double[] features = ChurnFeatures.of(tickets, opportunities, orders, invoices, customer.createdAt(), cutoff);
        return new Row(customer.id(), features, rules, churned);
    }

    static Result run(long seed, int customers) {
        ChurnWorld world = new ChurnWorld(seed);
        List<Row> train = new ArrayList<>();
        List<Row> test = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            ChurnWorld.Customer customer = world.customer(i);
            for (Instant cutoff : TRAIN_CUTOFFS) {
                Row row = row(customer, cutoff);
                if (row != null) {
                    train.add(row);
                }
            }
            Row row = row(customer, TEST_CUTOFF);
            if (row != null) {
                test.add(row);
            }
        }
        return evaluate(seed, customers, train, test);
    }

    static Result evaluate(long seed, int customers, List<Row> train, List<Row> test) {
        LogisticModel model = LogisticModel.train(ChurnFeatures.NAMES, features(train), labels(train), LogisticModel.Training.DEFAULT);
        // the rules' points are not probabilities: for a fair Brier score they get their own calibration on the same training rows
        LogisticModel calibration = LogisticModel.train(List.of("rulesScore"), train.stream().map(r -> new double[] {r.rulesScore()}).toArray(double[][]::new),
                labels(train), LogisticModel.Training.DEFAULT);
        int[] y = labels(test);
        double[] modelP = test.stream().mapToDouble(r -> model.probability(r.features())).toArray();
        double[] rulesScore = test.stream().mapToDouble(Row::rulesScore).toArray();
        double[] rulesRaw = test.stream().mapToDouble(r -> r.rulesScore() / 100).toArray();
        double[] rulesP = test.stream().mapToDouble(r -> calibration.probability(new double[] {r.rulesScore()})).toArray();
        Random random = new Random(seed);
        double[] tieBreak = test.stream().mapToDouble(r -> random.nextDouble()).toArray();

        Scores modelScores = scores(modelP, modelP, y, tieBreak);
        Scores rulesScores = scores(rulesScore, rulesRaw, y, tieBreak);
        Scores calibrated = scores(rulesScore, rulesP, y, tieBreak);
        boolean[] atRisk = new boolean[y.length];
        int flagged = 0;
        for (int i = 0; i < y.length; i++) {
            atRisk[i] = rulesScore[i] >= 50;
            flagged += atRisk[i] ? 1 : 0;
        }
        boolean[] sameCount = ChurnMetrics.top(modelP, y.length == 0 ? 0 : (double) flagged / y.length, tieBreak);

        // bootstrap of the held-out customers: how sure is the AUC difference?
        double[] gains = new double[200];
        Random resample = new Random(seed ^ 0x5DEECE66DL);
        for (int b = 0; b < gains.length; b++) {
            double[] m = new double[y.length];
            double[] r = new double[y.length];
            int[] l = new int[y.length];
            for (int i = 0; i < y.length; i++) {
                int pick = resample.nextInt(y.length);
                m[i] = modelP[pick];
                r[i] = rulesScore[pick];
                l[i] = y[pick];
            }
            gains[b] = ChurnMetrics.auc(m, l) - ChurnMetrics.auc(r, l);
        }
        java.util.Arrays.sort(gains);
        // regular buyers (3+ orders in the 180 days before): there a 90-day gap is closer to a real departure than for
        // customers who order a few times a year
        List<Integer> regular = new ArrayList<>();
        for (int i = 0; i < test.size(); i++) {
            if (test.get(i).features()[0] + test.get(i).features()[1] >= 3) {
                regular.add(i);
            }
        }
        int[] ry = regular.stream().mapToInt(i -> y[i]).toArray();
        Map<Integer, int[]> byRules = new TreeMap<>();
        for (int i = 0; i < y.length; i++) {
            int[] counts = byRules.computeIfAbsent((int) rulesScore[i], s -> new int[2]);
            counts[0]++;
            counts[1] += y[i];
        }
        return new Result(seed, customers, train.size(), mean(labels(train)), test.size(), mean(y), modelScores, rulesScores, calibrated,
                ChurnMetrics.precision(atRisk, y), ChurnMetrics.recall(atRisk, y), ChurnMetrics.precision(sameCount, y),
                ChurnMetrics.recall(sameCount, y), gains[4], gains[194], model, ry.length, mean(ry),
                ChurnMetrics.auc(regular.stream().mapToDouble(i -> modelP[i]).toArray(), ry),
                ChurnMetrics.auc(regular.stream().mapToDouble(i -> rulesScore[i]).toArray(), ry), byRules);
    }

    static Scores scores(double[] ranking, double[] probabilities, int[] labels, double[] tieBreak) {
        boolean[] top = ChurnMetrics.top(ranking, 0.10, tieBreak);
        return new Scores(ChurnMetrics.auc(ranking, labels), ChurnMetrics.precision(top, labels), ChurnMetrics.recall(top, labels),
                ChurnMetrics.brier(probabilities, labels));
    }

    static double[][] features(List<Row> rows) {
        return rows.stream().map(Row::features).toArray(double[][]::new);
    }

    static int[] labels(List<Row> rows) {
        return rows.stream().mapToInt(Row::label).toArray();
    }

    static double mean(int[] values) {
        return java.util.Arrays.stream(values).average().orElse(Double.NaN);
    }

    static boolean in(Instant at, Instant from, Instant to) {
        return at != null && !at.isBefore(from) && at.isBefore(to);
    }

    static <T> List<T> facts(List<AnalyticsEvent> history, String prefix, String idField, BiFunction<String, List<AnalyticsEvent>, T> fold) {
        return org.crmsuite.analytics.model.Customer360Fold.facts(history, prefix, idField, fold);
    }

    private ChurnEvaluation() {
    }
}
