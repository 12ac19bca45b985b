package org.crmsuite.analytics.churn;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.crmsuite.analytics.config.AnalyticsProperties;
import org.crmsuite.analytics.kpi.Facts;
import org.crmsuite.analytics.kpi.KpiSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The churn model the churn-risk KPI uses, trained on all the facts (not the caller's share, so every caller gets the
 * same model) when first asked and again once it is older than {@code churn-model-retrain}. Null when the switch says
 * rules, when the history is too short, or when the model did not beat the rules on the held-out cut-off.
 * <p>
 * Training takes seconds at 100,000 customers, longer than a query may: it runs on the {@code training} executor,
 * one at a time, while queries go on with the model they had (the rules before the first one is ready; each row names
 * what scored it).
 */
public class ChurnModels {

    private static final Logger log = LoggerFactory.getLogger(ChurnModels.class);

    private final AnalyticsProperties properties;
    private final Clock clock;
    private final Executor training;
    private final AtomicBoolean trainingRunning = new AtomicBoolean();
    private volatile ChurnModelTraining.Trained current;

    public ChurnModels(AnalyticsProperties properties, Clock clock, Executor training) {
        this.properties = properties;
        this.clock = clock;
        this.training = training;
    }

    /** The settings with the model to score with, if any. */
    public KpiSettings settings(Supplier<Facts> allFacts) {
        KpiSettings settings = properties.kpiSettings();
        if (properties.churnScore() != ChurnScore.MODEL) {
            return settings;
        }
        ChurnModelTraining.Trained trained = trained(allFacts);
        return settings.withChurnModel(trained == null ? null : trained.model());
    }

    /** The last model trained; starts a training when there is none or it is stale (and none is running). */
    ChurnModelTraining.Trained trained(Supplier<Facts> allFacts) {
        ChurnModelTraining.Trained known = current;
        boolean stale = known == null || known.trainedAt().plus(properties.churnModelRetrain()).isBefore(clock.instant());
        if (stale && trainingRunning.compareAndSet(false, true)) {
            try {
                training.execute(() -> train(allFacts));
            } catch (RuntimeException e) {
                trainingRunning.set(false);
                throw e;
            }
        }
        return current;
    }

    private void train(Supplier<Facts> allFacts) {
        try {
            long started = System.nanoTime();
            ChurnModelTraining.Trained trained = ChurnModelTraining.train(allFacts.get(), clock.instant(), properties.kpiSettings());
            current = trained;
            log.info("churn model trained in {} ms: {} (held out {}: {} rows, AUC model {} vs rules {}, precision@10% model {} vs rules {}; {} training rows)",
                    (System.nanoTime() - started) / 1_000_000, trained.note(), trained.heldOutCutoff(), trained.heldOutRows(),
                    trained.modelAuc(), trained.rulesAuc(), trained.modelPrecisionTop10(), trained.rulesPrecisionTop10(), trained.trainRows());
        } catch (RuntimeException e) {
            log.warn("churn model training failed; the rules keep scoring", e);
        } finally {
            trainingRunning.set(false);
        }
    }
}
