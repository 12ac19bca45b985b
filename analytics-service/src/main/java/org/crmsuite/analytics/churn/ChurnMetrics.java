package org.crmsuite.analytics.churn;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** How well a score ranks and predicts churn on labelled customers (label 1 = churned). */
public final class ChurnMetrics {

    /** ROC AUC: the chance a churner scores above a non-churner, ties counting half (Mann-Whitney with mid-ranks). */
    public static double auc(double[] scores, int[] labels) {
        Integer[] order = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        double[] ranks = new double[scores.length];
        for (int i = 0; i < order.length; ) {
            int j = i;
            while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double midRank = (i + j) / 2.0 + 1;
            for (int t = i; t <= j; t++) {
                ranks[order[t]] = midRank;
            }
            i = j + 1;
        }
        long positives = Arrays.stream(labels).filter(l -> l == 1).count();
        long negatives = labels.length - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        double rankSum = 0;
        for (int i = 0; i < labels.length; i++) {
            rankSum += labels[i] == 1 ? ranks[i] : 0;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / (positives * (double) negatives);
    }

    /**
     * The customers flagged when the top {@code fraction} by score are flagged. Ties at the cut are broken by
     * {@code tieBreak} (a fixed random order), so a coarse score is neither helped nor hurt by the input order.
     */
    public static boolean[] top(double[] scores, double fraction, double[] tieBreak) {
        Integer[] order = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparingDouble(i -> tieBreak[i]));
        boolean[] flagged = new boolean[scores.length];
        int k = (int) Math.ceil(fraction * scores.length);
        for (int i = 0; i < k; i++) {
            flagged[order[i]] = true;
        }
        return flagged;
    }

    /** Churners among the flagged ÷ flagged. */
    public static double precision(boolean[] flagged, int[] labels) {
        long hits = 0, count = 0;
        for (int i = 0; i < labels.length; i++) {
            count += flagged[i] ? 1 : 0;
            hits += flagged[i] && labels[i] == 1 ? 1 : 0;
        }
        return count == 0 ? Double.NaN : (double) hits / count;
    }

    /** Churners flagged ÷ churners. */
    public static double recall(boolean[] flagged, int[] labels) {
        long hits = 0, positives = 0;
        for (int i = 0; i < labels.length; i++) {
            positives += labels[i];
            hits += flagged[i] && labels[i] == 1 ? 1 : 0;
        }
        return positives == 0 ? Double.NaN : (double) hits / positives;
    }

    /** Mean squared error of the probabilities: 0 is perfect, the base rate's own variance is the bar to beat. */
    public static double brier(double[] probabilities, int[] labels) {
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            sum += (probabilities[i] - labels[i]) * (probabilities[i] - labels[i]);
        }
        return sum / labels.length;
    }

    private ChurnMetrics() {
    }
}
