package org.crmsuite.analytics.churn;

import java.util.List;

/**
 * A logistic regression over standardised features, trained by full-batch gradient descent with an L2 penalty:
 * small, deterministic and readable (each weight is the change in log-odds per standard deviation of its feature).
 *
 * @param names   feature names
 * @param means   the training mean of each feature
 * @param scales  the training standard deviation of each feature (1 when constant)
 * @param weights one weight per standardised feature
 * @param bias    the intercept (log-odds at the mean customer)
 */
public record LogisticModel(List<String> names, double[] means, double[] scales, double[] weights, double bias) {

    /** @param l2 penalty on the squared weights (not the bias); {@code rate} the step size; {@code iterations} full passes */
    public record Training(double l2, double rate, int iterations) {
        public static final Training DEFAULT = new Training(1e-3, 0.5, 3000);
    }

    public static LogisticModel train(List<String> names, double[][] x, int[] y, Training training) {
        int n = x.length;
        int k = names.size();
        double[] means = new double[k];
        double[] scales = new double[k];
        for (double[] row : x) {
            for (int j = 0; j < k; j++) {
                means[j] += row[j] / n;
            }
        }
        for (double[] row : x) {
            for (int j = 0; j < k; j++) {
                scales[j] += (row[j] - means[j]) * (row[j] - means[j]) / n;
            }
        }
        for (int j = 0; j < k; j++) {
            scales[j] = scales[j] < 1e-12 ? 1 : Math.sqrt(scales[j]);
        }
        double[][] z = new double[n][k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                z[i][j] = (x[i][j] - means[j]) / scales[j];
            }
        }
        double[] w = new double[k];
        double b = 0;
        // the loss is convex: plain gradient descent from zero converges to the one optimum, so no randomness is needed
        for (int iteration = 0; iteration < training.iterations(); iteration++) {
            double[] gradient = new double[k];
            double gradientBias = 0;
            for (int i = 0; i < n; i++) {
                double error = sigmoid(b + dot(w, z[i])) - y[i];
                gradientBias += error / n;
                for (int j = 0; j < k; j++) {
                    gradient[j] += error * z[i][j] / n;
                }
            }
            for (int j = 0; j < k; j++) {
                w[j] -= training.rate() * (gradient[j] + training.l2() * w[j]);
            }
            b -= training.rate() * gradientBias;
        }
        return new LogisticModel(List.copyOf(names), means, scales, w, b);
    }

    /** The churn probability 0..1 of one customer's features. */
    public double probability(double[] features) {
        double logit = bias;
        for (int j = 0; j < weights.length; j++) {
            logit += weights[j] * (features[j] - means[j]) / scales[j];
        }
        return sigmoid(logit);
    }

    static double sigmoid(double v) {
        return v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v));
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
