package org.crmsuite.analytics.churn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The training and evaluation code on planted signals, with fixed seeds. */
class ChurnModelTest {

    @Test
    void logisticRegressionRecoversAPlantedSignalAndIgnoresNoise() {
        Random random = new Random(42);
        int n = 4000;
        double[][] x = new double[n][3];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = new double[] {random.nextGaussian(), 10 + 5 * random.nextGaussian(), random.nextGaussian()};
            double logit = -1 + 2 * x[i][0] - 1 * (x[i][1] - 10) / 5; // the third feature is noise
            y[i] = random.nextDouble() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
        }
        LogisticModel model = LogisticModel.train(List.of("signal", "scaledSignal", "noise"), x, y, LogisticModel.Training.DEFAULT);
        // weights are per standard deviation: the planted ones, up to sampling and the small L2 shrinkage
        assertThat(model.weights()[0]).isCloseTo(2, within(0.25));
        assertThat(model.weights()[1]).isCloseTo(-1, within(0.2));
        assertThat(model.weights()[2]).isCloseTo(0, within(0.1));
        assertThat(model.bias()).isCloseTo(-1, within(0.2));
        assertThat(LogisticModel.train(List.of("signal", "scaledSignal", "noise"), x, y, LogisticModel.Training.DEFAULT).weights())
                .containsExactly(model.weights()); // deterministic

        double[] p = new double[n];
        double[] noise = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = model.probability(x[i]);
            noise[i] = x[i][2];
        }
        assertThat(ChurnMetrics.auc(p, y)).isGreaterThan(0.8);
        assertThat(ChurnMetrics.auc(noise, y)).isBetween(0.45, 0.55);
    }

    @Test
    void metricsOnKnownCases() {
        int[] labels = {0, 0, 1, 1};
        assertThat(ChurnMetrics.auc(new double[] {0.1, 0.2, 0.8, 0.9}, labels)).isEqualTo(1.0);
        assertThat(ChurnMetrics.auc(new double[] {0.9, 0.8, 0.2, 0.1}, labels)).isEqualTo(0.0);
        assertThat(ChurnMetrics.auc(new double[] {5, 5, 5, 5}, labels)).isEqualTo(0.5); // ties count half
        assertThat(ChurnMetrics.auc(new double[] {0, 50, 50, 100}, labels)).isEqualTo(0.875);
        boolean[] top = ChurnMetrics.top(new double[] {0.1, 0.9, 0.8, 0.2}, 0.5, new double[] {0, 0, 0, 0});
        assertThat(top).containsExactly(false, true, true, false);
        assertThat(ChurnMetrics.precision(top, labels)).isEqualTo(0.5);
        assertThat(ChurnMetrics.recall(top, labels)).isEqualTo(0.5);
        assertThat(ChurnMetrics.brier(new double[] {0, 0, 1, 0.5}, labels)).isEqualTo(0.0625);
    }

    @Test
    void onASmallGeneratedWorldTheFeaturesCarryTheHiddenChurnAndTheRulesSeeSomeOfIt() {
        ChurnEvaluation.Result result = ChurnEvaluation.run(7, 600);
        assertThat(result.trainRows()).isGreaterThan(500);
        assertThat(result.testRows()).isGreaterThan(100);
        assertThat(result.testChurnRate()).isBetween(0.02, 0.5);
        assertThat(result.model().auc()).isGreaterThan(0.6);
        assertThat(result.rules().auc()).isGreaterThan(0.5);
        assertThat(ChurnEvaluation.run(7, 600).model().auc()).isEqualTo(result.model().auc()); // deterministic for a seed
    }
}
